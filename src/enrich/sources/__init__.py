"""One module per upstream, one shape (see `base.py`):

- constants on top: base URL, batch size, fields, pace with the rule it follows;
- `fetch(items, ctx) -> FetchOutcome`: asks the service in batches and saves every raw answer
  (`ctx.save(...)`) before anything is parsed; it only reports items it got no answer for;
- `parse(raw) -> Parsed`: pure, turns one saved answer into rows for the warehouse and an outcome
  per item (ok / not_found / error). The same function serves a refresh and `enrich rebuild`.
"""
