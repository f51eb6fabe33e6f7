"""Each function image as built (<module>/target/jib-image.tar, make test-images) is unpacked and
its own arm64 JVM started under qemu with the image's ENTRYPOINT and CMD: the Lambda runtime
interface client takes an invocation from a stub Runtime API and the function answers it, its
SSM and DynamoDB calls answered by moto, reference data and CloudFormation's response URL by the
stub (images/imagerun.py). The JVM runs with -Xshare:on, which stops it unless the image's
class-data archive maps, and logs where each class came from: the archive trained at build time
must supply the libraries' classes.

Under emulation a JVM start takes tens of seconds; the four runs are the whole cost of this file
(make test-image-run prints it)."""

from __future__ import annotations

import re

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


@pytest.fixture(scope="module", params=ORDER)
def run(request):
    module_dir = imagerun.REPO_ROOT / request.param
    if not (module_dir / "target" / "jib-image.tar").is_file():
        pytest.fail(f"{module_dir}/target/jib-image.tar is missing: run make test-images first")
    result = imagerun.run_image(module_dir, ["-Xshare:on", "-Xlog:class+load=info"])
    print(
        f"{request.param}: {result.summary}; first answer after {result.first_answer_s:.1f} s under qemu"
    )
    return request.param, result


def test_image_when_invoked_should_answer_through_the_runtime_interface_client(run):
    # GIVEN the image's JVM answered (run_jvm checked the answer: valid, ENRICHED, ACCEPTED,
    # SUCCESS told to CloudFormation)
    module, result = run
    # THEN the answer came from the function's handler behind the runtime interface client
    assert result.exchanges[-1].answer, f"{module} posted no response"
    assert result.summary


def test_image_when_started_should_load_the_libraries_from_its_class_data_archive(run):
    # GIVEN
    module, result = run
    output = (imagerun.REPO_ROOT / module / "target/image-run/run.log").read_text(errors="replace")
    from_archive = [line for line in output.splitlines() if line.endswith(TOP_LAYER)]
    # THEN the archive trained at build time supplied the library classes of the first invocation
    assert re.search(
        rf"\] {re.escape(LIBRARY_CLASS[module])} {re.escape(TOP_LAYER)}$", output, re.M
    ), f"{LIBRARY_CLASS[module]} was not loaded from the image's archive"
    assert len(from_archive) > 1000, f"only {len(from_archive)} classes from the image's archive"
