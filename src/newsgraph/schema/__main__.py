import json

from newsgraph.record import json_schema

print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
