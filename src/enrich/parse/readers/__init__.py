"""One reader per shape of entry a list uses; each turns blocks into candidates.

- :mod:`.bullets`: bullets and numbered items, nested items, several papers in one bullet;
- :mod:`.tables`: GFM table rows, columns found by their header names;
- :mod:`.headings`: a heading that is, or names, the paper, with the lines under it as fields;
- :mod:`.paragraphs`: paragraph, blockquote and footnote entries;
- :mod:`.verbatim`: HTML blocks (``<table>`` rows, ``<li>`` lists, ``<a href>``) and code blocks.
"""
