"""Each function image as built (<module>/target/jib-image.tar, make test-images) is unpacked and
its own arm64 JVM started under qemu with the image's ENTRYPOINT and CMD: the Lambda runtime
interface client takes an invocation from a stub Runtime API and the function answers it, its
SSM and DynamoDB calls answered by moto, reference data and CloudFormation's response URL by the
stub (images/imagerun.py). The JVM runs with -Xshare:on, which stops it unless the image's
class-data archive maps, and logs where each class came from: the archive trained at build time
must supply the libraries' classes.

Under emulation a JVM start takes tens of seconds; the four runs, three of them side by side, are
the whole cost of this file (make test-image-run prints it)."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import imagerun
import pytest

# The recorder's invocation is built from the validator's and the enricher's answers.
ORDER = ["validator", "enricher", "recorder", "global-table-resource"]
# A class the function loads from a library jar during its first invocation.
LIBRARY_CLASS = {
    "validator": "software.amazon.awssdk.services.ssm.SsmClient",
    "enricher": "software.amazon.awssdk.services.ssm.SsmClient",
    "recorder": "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
    "global-table-resource": "software.amazon.awssdk.services.dynamodb.DynamoDbClient",
}
TOP_LAYER = "source: shared objects file (top)"

pytestmark = pytest.mark.image_run


@pytest.fixture(scope="module")
def runs() -> dict[str, imagerun.Run]:
    """The four images run: the validator, the enricher (on the validator's trade) and the custom
    resource side by side, then the recorder on their answers."""
    for module in ORDER:
        if not (imagerun.REPO_ROOT / module / "target" / "jib-image.tar").is_file():
            pytest.fail(f"{module}/target/jib-image.tar is missing: run make test-images first")
    trade = {"input": imagerun.stage_input(imagerun.trade_event())}
    options = ["-Xshare:on", "-Xlog:class+load=info"]

    def run(module: str, upstream: dict | None) -> imagerun.Run:
        result = imagerun.run_image(imagerun.REPO_ROOT / module, options, upstream)
        print(
            f"{module}: {result.summary}; first answer after {result.first_answer_s:.1f} s under qemu"
        )
        return result

    with ThreadPoolExecutor(max_workers=3) as pool:
        first = {
            module: pool.submit(run, module, {"validator": trade})
            for module in ("validator", "enricher", "global-table-resource")
        }
        results = {module: future.result() for module, future in first.items()}
    exchanges = {
        module: {
            "input": json.loads(results[module].exchanges[-1].event),
            "answer": results[module].answer(),
        }
        for module in ("validator", "enricher")
    }
    results["recorder"] = run("recorder", exchanges)
    return results


@pytest.fixture(params=ORDER)
def run(request, runs):
    return request.param, runs[request.param]


def test_image_when_invoked_should_answer_through_the_runtime_interface_client(run):
    # GIVEN the image's JVM answered (run_jvm checked the answer: valid, ENRICHED, ACCEPTED,
    # SUCCESS told to CloudFormation)
    module, result = run
    # THEN the answer came from the function's handler behind the runtime interface client
    assert result.exchanges[-1].answer, f"{module} posted no response"
    assert result.summary


def test_image_when_started_should_load_its_libraries_and_own_classes_from_its_class_data_archive(
    run,
):
    # GIVEN
    module, result = run
    output = (imagerun.REPO_ROOT / module / "target/image-run/run.log").read_text(errors="replace")
    from_archive = [line for line in output.splitlines() if line.endswith(TOP_LAYER)]
    # THEN the archive trained at build time supplied the library classes of the first invocation
    assert re.search(
        rf"\] {re.escape(LIBRARY_CLASS[module])} {re.escape(TOP_LAYER)}$", output, re.M
    ), f"{LIBRARY_CLASS[module]} was not loaded from the image's archive"
    assert len(from_archive) > 1000, f"only {len(from_archive)} classes from the image's archive"
    # and the function's own classes, from the module's jar on the JVM's class path (ADR 0034)
    handler = imagerun.handler_of(imagerun.REPO_ROOT / module).split("::")[0]
    assert re.search(rf"\] {re.escape(handler)} {re.escape(TOP_LAYER)}$", output, re.M), (
        f"{handler} was not loaded from the image's archive"
    )
