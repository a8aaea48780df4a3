"""One module per upstream, one shape (see `base.Source`), each registered in `registry.py`
(the one place that says which sources exist, their order and their defaults):

- constants on top: paths, fields, `TABLE_KEYS` (the load key of each table it fills);
- `wanted(entry)`: the items of one list entry it can tell about;
- `fetch(items, ctx) -> FetchOutcome`: asks the service in batches and saves every raw answer
  (`ctx.save_answer(response, ...)`) before anything is parsed; it only reports items it got no
  answer for;
- `parse(raw) -> Parsed`: pure, turns one saved answer into rows for the warehouse and an outcome
  per item (ok / not_found / error). The same function serves a refresh and `enrich rebuild`.
"""
