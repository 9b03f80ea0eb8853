"""Start a provisioning from Python and wait for its result, against `npm start`.

    pip install temporalio cryptography jsonschema
    python3 examples/python/provision.py examples/request.json PY-ORDER-1

Under `npm start` payloads are encrypted with the key in .temporal/payload-codec.keys, which this reads;
elsewhere give it the workers' keys (PAYLOAD_CODEC_KEYS, or PAYLOAD_CODEC_KEY_FILE naming a file).
TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE are read as the worker reads them.
"""

import asyncio
import dataclasses
import json
import os
import sys
from pathlib import Path

import jsonschema
import temporalio.converter
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from codec import EncryptionCodec, parse_keys

ROOT = Path(__file__).resolve().parents[2]


def codec_keys() -> str:
    if os.environ.get("PAYLOAD_CODEC_KEYS"):
        return os.environ["PAYLOAD_CODEC_KEYS"]
    return Path(os.environ.get("PAYLOAD_CODEC_KEY_FILE", ROOT / ".temporal" / "payload-codec.keys")).read_text()


async def provision(request: dict) -> dict:
    schema = json.loads((ROOT / "schema" / "provisioning-request.schema.json").read_text())
    jsonschema.validate(request, schema)
    converter = dataclasses.replace(
        temporalio.converter.default(), payload_codec=EncryptionCodec(parse_keys(codec_keys()))
    )
    client = await Client.connect(os.environ.get("TEMPORAL_ADDRESS", "localhost:7233"), data_converter=converter)
    workflow_id = f"iod-{request['requestId']}"
    try:
        handle: WorkflowHandle = await client.start_workflow(
            "provisionInternetOnDemand",
            request,
            id=workflow_id,
            task_queue=os.environ.get("TEMPORAL_TASK_QUEUE", "lumen-iod"),
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        )
    except WorkflowAlreadyStartedError:  # a retried start: it exists already and is never ordered twice
        handle = client.get_workflow_handle(workflow_id)
    status = await handle.query("status")  # where it stands: step, quote, order, history
    print(f"{workflow_id}: {status['step']}", file=sys.stderr)
    return await handle.result()  # {"status": "ACTIVE", "serviceId": ..., "monthlyPriceUsd": "331.20", ...}


if __name__ == "__main__":
    request = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "examples" / "request.json").read_text())
    if len(sys.argv) > 2:
        request["requestId"] = sys.argv[2]
    print(json.dumps(asyncio.run(provision(request)), indent=2))
