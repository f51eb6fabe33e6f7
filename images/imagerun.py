"""Runs a function image's own arm64 JVM on this x86-64 machine: qemu-aarch64-static with the
image's file system as its sysroot, the image's ENTRYPOINT and CMD as the command, and one
invocation handed over by a stub Lambda Runtime API (ADR 0029).

    python images/imagerun.py train <module-dir>   # build time: write the module's AppCDS archive
    python images/imagerun.py run <module-dir>     # one invocation of the module's built image

What a function calls during the invocation is answered locally: SSM and DynamoDB by moto (the
emulator's AWS backend, ADR 0010), the reference-data API and CloudFormation's response URL by
the stub server below. Lambda's Runtime API is documented at
https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import debimage  # noqa: E402

REPO_ROOT = debimage.REPO_ROOT
RUNTIME_API_VERSION = "2018-06-01"
REGION = "us-east-1"
TABLE = "dynamodb-trades-image"
THRESHOLDS_PATH = "/trade-processing/image/thresholds"
REFERENCE_DATA_PARAMETER = "/trade-processing/image/endpoints/reference-data"
REFERENCE_DATA_DIR = REPO_ROOT / "enricher/src/test/resources/reference-data"
OMS_EVENT = REPO_ROOT / "shared-model/src/test/resources/events/oms_valid.json"
RECORDER_FIXTURE = REPO_ROOT / "recorder/src/test/resources/records/oms_accepted.json"
# Where the build puts what Jib adds under /var/runtime (pom.xml, ADR 0029).
RUNTIME_DIR = Path("target/lambda/runtime")
ARCHIVE = "app-cds.jsa"
# Images run side by side share the unpacked base layer.
SHARED_LAYER_LOCK = threading.Lock()
BACKEND_LOCK = threading.RLock()
RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
JNI_LIBRARY = "jni/libaws-lambda-jni.linux-aarch_64.so"
# The image's ENTRYPOINT (pom.xml): the JDK's java with the argument file write_runtime writes.
# Where the build puts qemu in a root it runs (never in an image).
QEMU_IN_ROOT = "/.qemu-aarch64-static"
# The environment the image sets (pom.xml), which the training run gets too.
IMAGE_ENVIRONMENT = {"LAMBDA_TASK_ROOT": "/var/task", "LAMBDA_RUNTIME_DIR": "/var/runtime"}
HOST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
ENTRYPOINT = ("/usr/lib/jvm/java-21-openjdk-arm64/bin/java", "@/var/runtime/java.args")
# Under emulation a JVM start takes seconds, not milliseconds.
ANSWER_TIMEOUT_S = float(os.environ.get("IMAGE_RUN_TIMEOUT", "300"))


# --- the stub Runtime API, reference-data API and CloudFormation response URL ---------------


@dataclass
class Exchange:
    """One invocation: the event handed out and what came back."""

    event: bytes
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    answer: bytes | None = None
    error: bytes | None = None
    done: threading.Event = field(default_factory=threading.Event)
    cloudformation_answers: list[dict] = field(default_factory=list)


class StubServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.exchanges: list[Exchange] = []
        self.next_index = 0
        self.init_error: bytes | None = None
        self.failed = threading.Event()
        self.lock = threading.Lock()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def by_id(self, request_id: str) -> Exchange | None:
        return next((e for e in self.exchanges if e.request_id == request_id), None)


class StubHandler(BaseHTTPRequestHandler):
    server: StubServer

    def log_message(self, *_args):  # the JVM's output is what the logs are for
        pass

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):  # noqa: N802
        if self.path == f"/{RUNTIME_API_VERSION}/runtime/invocation/next":
            with self.server.lock:
                index = self.server.next_index
                self.server.next_index += 1
            if index >= len(self.server.exchanges):
                # Nothing more to hand out: the request waits until the JVM is stopped.
                time.sleep(ANSWER_TIMEOUT_S)
                return self.send(500)
            exchange = self.server.exchanges[index]
            if index > 0:
                self.server.exchanges[index - 1].done.wait()
            return self.send(
                200,
                exchange.event,
                {
                    "Lambda-Runtime-Aws-Request-Id": exchange.request_id,
                    "Lambda-Runtime-Deadline-Ms": str(int((time.time() + 900) * 1000)),
                    "Lambda-Runtime-Invoked-Function-Arn": f"arn:aws:lambda:{REGION}:123456789012:function:image",
                    "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0",
                    "Content-Type": "application/json",
                },
            )
        if self.path.startswith("/v1/") and ".." not in self.path:
            file = REFERENCE_DATA_DIR / (self.path[len("/v1/") :] + ".json")
            if file.is_file():
                return self.send(200, file.read_bytes(), {"Content-Type": "application/json"})
            return self.send(404, b'{"message":"not found"}', {"Content-Type": "application/json"})
        return self.send(404)

    def do_POST(self):  # noqa: N802
        body = self.body()
        parts = self.path.strip("/").split("/")
        if self.path == f"/{RUNTIME_API_VERSION}/runtime/init/error":
            self.server.init_error = body
            self.server.failed.set()
        elif (
            len(parts) == 5
            and parts[1:3] == ["runtime", "invocation"]
            and self.server.by_id(parts[3])
        ):
            exchange = self.server.by_id(parts[3])
            if parts[4] == "response":
                exchange.answer = body
            elif parts[4] == "error":
                exchange.error = body
            else:
                return self.send(404)
            exchange.done.set()
        else:
            return self.send(404)
        self.send(202, b'{"status":"OK"}')

    def do_PUT(self):  # noqa: N802
        # CloudFormation's pre-signed response URL (the custom resource's answer).
        answer = json.loads(self.body())
        for exchange in self.server.exchanges:
            if json.loads(exchange.event).get("RequestId") == answer.get("RequestId"):
                exchange.cloudformation_answers.append(answer)
        self.send(200)


# --- what each function gets and must answer --------------------------------------------------


def trade_event() -> dict:
    event = json.loads(OMS_EVENT.read_text(encoding="utf-8"))
    trade_id = str(uuid.uuid4())
    event["id"] = trade_id
    event["detail"]["tradeId"] = f"OMS-IMAGE-{trade_id}"
    executed = datetime.now(UTC) - timedelta(minutes=1)
    event["detail"]["executedAt"] = executed.isoformat(timespec="milliseconds").replace(
        "+00:00", "Z"
    )
    return event


def stage_input(event: dict) -> dict:
    return {
        "event": event,
        "executionId": f"arn:aws:states:{REGION}:123456789012:execution:trades:{event['id']}",
    }


# The error a function answers when a dependency did not answer in time: the state machine
# retries it (templates/, docs/stage-contracts.md). Under emulation on a busy machine the first
# calls of a fresh JVM can outlast the functions' own time limits (3 s for an SDK call, ADR 0025),
# so an invocation may end in it; each retry in the same JVM is cheaper (its classes are loaded
# and compiled), and one of INVOCATIONS must succeed.
INVOCATIONS = 4
RETRIED_ERRORS = {
    "validator": {"com.tradeprocessing.validator.thresholds.ThresholdsUnavailableException"},
    "enricher": {"com.tradeprocessing.enricher.ReferenceDataUnavailableException"},
    "recorder": {
        "com.tradeprocessing.recorder.PriceBandUnavailableException",
        "com.tradeprocessing.recorder.TradeStoreUnavailableException",
    },
}


@dataclass(frozen=True)
class Function:
    module: str
    environment: dict[str, str]

    def event(self, stub: StubServer, upstream: dict | None = None) -> dict:
        if self.module == "validator":
            return upstream["validator"]["input"] if upstream else stage_input(trade_event())
        if self.module == "enricher":
            # the validator's trade of this build, when there is one, so the recorder gets two
            # answers about one trade
            return upstream["validator"]["input"] if upstream else stage_input(trade_event())
        if self.module == "recorder":
            return recorder_input(upstream)
        return {
            "RequestType": "Delete",
            "ServiceToken": f"arn:aws:lambda:{REGION}:123456789012:function:image",
            "ResponseURL": f"http://{stub.address}/cloudformation-response",
            "StackId": f"arn:aws:cloudformation:{REGION}:123456789012:stack/image/1",
            "RequestId": str(uuid.uuid4()),
            "LogicalResourceId": "TradesTableReplica",
            "PhysicalResourceId": f"{TABLE}-replicas",
            "ResourceType": "Custom::GlobalTableReplica",
            "ResourceProperties": {
                "ServiceToken": f"arn:aws:lambda:{REGION}:123456789012:function:image",
                "TableName": TABLE,
                "ReplicaRegions": ["eu-west-1"],
            },
        }

    def check(self, exchange: Exchange, retried: bool = False) -> str:
        """What the answer says, or an AssertionError naming what is wrong."""
        if exchange.error:
            raise AssertionError(f"{self.module} answered an error: {exchange.error.decode()}")
        answer = json.loads(exchange.answer or b"null")
        if self.module == "validator":
            assert answer["valid"] is True, answer
            return "valid"
        if self.module == "enricher":
            assert answer["status"] == "ENRICHED", answer
            return answer["status"]
        if self.module == "recorder":
            # a retry after a time-out may find the first attempt's write: the recorder then
            # answers it as a replay (docs/trade-record.md)
            assert answer["status"] == "ACCEPTED" and (retried or not answer["replayed"]), answer
            return answer["status"] + (" (replayed)" if answer["replayed"] else "")
        assert answer["outcome"] == "SUCCESS", answer
        (response,) = exchange.cloudformation_answers
        assert response["Status"] == "SUCCESS", response
        return f"{answer['outcome']}, CloudFormation told {response['Status']}"

    def timed_out(self, exchange: Exchange) -> str | None:
        """The "cannot answer now" error an invocation may end in under emulation (one the state
        machine retries, RETRIED_ERRORS; for the custom resource, FAILED for a time-out), or
        None."""
        if exchange.error:
            error_type = json.loads(exchange.error).get("errorType")
            return error_type if error_type in RETRIED_ERRORS.get(self.module, ()) else None
        answer = json.loads(exchange.answer or b"null")
        if self.module == "global-table-resource" and answer and answer.get("outcome") == "FAILED":
            (response,) = exchange.cloudformation_answers
            if "timeout" in response.get("Reason", "").lower():
                return "FAILED (time-out)"
        return None


def recorder_input(upstream: dict | None) -> dict:
    """The Record stage's input: the event and the validator's and the enricher's answers to it,
    from their runs in this build when given (the image test), else the recorder's own accepted
    fixture, which its unit tests keep in step with the stage contract (the training run, so
    each archive is trained without waiting for another image)."""
    if upstream is None:
        return json.loads(RECORDER_FIXTURE.read_text(encoding="utf-8"))
    payload = dict(upstream["validator"]["input"])
    payload["validation"] = upstream["validator"]["answer"]
    payload["enrichment"] = upstream["enricher"]["answer"]
    return payload


FUNCTIONS = {
    "validator": Function(
        "validator", {"POWERTOOLS_SERVICE_NAME": "validator", "THRESHOLDS_PATH": THRESHOLDS_PATH}
    ),
    "enricher": Function(
        "enricher",
        {
            "POWERTOOLS_SERVICE_NAME": "enricher",
            "REFERENCE_DATA_ENDPOINT_PARAMETER": REFERENCE_DATA_PARAMETER,
        },
    ),
    "recorder": Function(
        "recorder",
        {
            "POWERTOOLS_SERVICE_NAME": "recorder",
            "POWERTOOLS_METRICS_NAMESPACE": "TradeProcessing",
            "TABLE_NAME": TABLE,
            "THRESHOLDS_PATH": THRESHOLDS_PATH,
        },
    ),
    "global-table-resource": Function(
        "global-table-resource", {"POWERTOOLS_SERVICE_NAME": "global-table-resource"}
    ),
}


_REFERENCE_DATA: list[StubServer] = []


def reference_data_server() -> StubServer:
    """One reference-data API for the whole process: the parameter naming it is shared."""
    with BACKEND_LOCK:
        if not _REFERENCE_DATA:
            server = StubServer()
            threading.Thread(target=server.serve_forever, daemon=True).start()
            _REFERENCE_DATA.append(server)
        return _REFERENCE_DATA[0]


class Backend:
    """moto for SSM and DynamoDB, with the parameter and table the functions read and write."""

    def __init__(self, stub: StubServer):
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        import boto3

        session = boto3.session.Session(
            aws_access_key_id="image", aws_secret_access_key="image", region_name=REGION
        )
        # moto keeps its state per process: a second backend in the same process, run after or
        # beside the first, finds the parameter and the table of the first.
        session.client("ssm", endpoint_url=self.endpoint).put_parameter(
            Name=REFERENCE_DATA_PARAMETER,
            Value=f"http://{reference_data_server().address}/v1",
            Type="String",
            Overwrite=True,
        )
        dynamodb = session.client("dynamodb", endpoint_url=self.endpoint)
        with BACKEND_LOCK:
            if TABLE not in dynamodb.list_tables()["TableNames"]:
                self.create_table(dynamodb)

    @staticmethod
    def create_table(dynamodb) -> None:
        table = json.loads((REPO_ROOT / "templates/storage.json").read_text())["Resources"][
            "TradesTable"
        ]["Properties"]
        dynamodb.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=table["AttributeDefinitions"],
            KeySchema=table["KeySchema"],
            GlobalSecondaryIndexes=[
                {key: index[key] for key in ("IndexName", "KeySchema", "Projection")}
                for index in table.get("GlobalSecondaryIndexes", [])
            ],
        )

    def stop(self) -> None:
        self.server.stop()


# --- the image ---------------------------------------------------------------------------------


def image_config(tarball: Path) -> tuple[dict, list[str]]:
    with tarfile.open(tarball) as image:
        (manifest,) = json.load(image.extractfile("manifest.json"))
        config = json.load(image.extractfile(manifest["Config"]))
    return config, manifest["Layers"]


def unpack_image(tarball: Path, root: Path) -> dict:
    """The image's file system under root, its layers applied in order. The base layer, the
    same in every function image, is unpacked once and hard-linked from there."""
    config, layers = image_config(tarball)
    diff_ids = config["rootfs"]["diff_ids"]
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as image:
        for index, name in enumerate(layers):
            if index == 0:
                shared = debimage.BUILD_DIR / "layers" / diff_ids[0].replace(":", "-")
                with SHARED_LAYER_LOCK:
                    if not (shared / ".complete").is_file():
                        if shared.exists():
                            shutil.rmtree(shared)
                        with tarfile.open(fileobj=image.extractfile(name), mode="r|*") as layer:
                            layer.extractall(shared, filter="tar")
                        (shared / ".complete").touch()
                subprocess.run(["cp", "-al", str(shared), str(root)], check=True)
                (root / ".complete").unlink()
                continue
            with tarfile.open(fileobj=image.extractfile(name), mode="r|*") as layer:
                layer.extractall(root, filter="tar")
    return config


def training_root(module_dir: Path, root: Path) -> None:
    """The file system the image will have, before the archive exists: the base rootfs and the
    module's files where Jib puts them (pom.xml), with Jib's modification time, which the archive
    records for each jar on the classpath."""
    if root.exists():
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-al", str(debimage.BUILD_DIR / "rootfs"), str(root)], check=True)
    for path, into in image_files(module_dir):
        destination = root / into
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        os.utime(destination, (debimage.JIB_MTIME, debimage.JIB_MTIME))


def task_jar(module_dir: Path) -> Path:
    """The module's own jar, which Jib puts in /var/task/lib (pom.xml, ADR 0034)."""
    name = (module_dir / RUNTIME_DIR / "task-jar").read_text(encoding="utf-8").strip()
    return module_dir / "target" / name


def image_files(module_dir: Path) -> list[tuple[Path, str]]:
    """What the build adds to the base, each file with its place in the image (pom.xml), the
    archive aside: the module's jar and its libraries in /var/task/lib, /var/runtime's files."""
    files = [(task_jar(module_dir), f"var/task/lib/{task_jar(module_dir).name}")]
    for source, into in (
        (module_dir / "target/lambda/lib", "var/task/lib"),
        (module_dir / RUNTIME_DIR, "var/runtime"),
    ):
        files += [
            (path, f"{into}/{path.relative_to(source).as_posix()}")
            for path in sorted(source.rglob("*"))
            if path.is_file() and not path.name.startswith(ARCHIVE)
        ]
    return files


@dataclass
class Run:
    exchanges: list[Exchange]
    first_answer_s: float
    summary: str

    def answer(self) -> dict:
        return json.loads(self.exchanges[-1].answer)


def run_jvm(
    root: Path,
    command: list[str],
    env: dict[str, str],
    function: Function,
    log: Path,
    stop: str = "kill",
    upstream: dict | None = None,
) -> Run:
    """Starts the command under qemu inside root and hands it invocations until one succeeds: an
    invocation that ended in a dependency time-out (RETRIED_ERRORS) is followed by another in the
    same JVM, as the state machine's retry would be, INVOCATIONS in all; anything else fails. Then the JVM is stopped:
    SIGTERM when it must write an archive on its way out, else SIGKILL."""
    stub = StubServer()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    backend = Backend(stub)
    stub.exchanges = [
        Exchange(json.dumps(function.event(stub, upstream)).encode()) for _ in range(INVOCATIONS)
    ]
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TZ": ":UTC",
        "AWS_LAMBDA_RUNTIME_API": stub.address,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "image",
        "AWS_SECRET_ACCESS_KEY": "image",
        "AWS_SESSION_TOKEN": "image",
        "AWS_ENDPOINT_URL": backend.endpoint,
        "AWS_LAMBDA_FUNCTION_NAME": f"lambda-{function.module}-image",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/lambda-{function.module}-image",
        "AWS_LAMBDA_LOG_STREAM_NAME": "image",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_EMF_ENVIRONMENT": "Local",
        **env,
        **function.environment,
    }
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    first_answer_s = None
    with log.open("wb") as output:
        process = subprocess.Popen(
            chroot_command(root, command),
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            for index, exchange in enumerate(stub.exchanges):
                while not exchange.done.wait(0.1):
                    if stub.failed.is_set():
                        raise AssertionError(
                            f"{function.module}: init failed: {stub.init_error.decode()}; see {log}"
                        )
                    if process.poll() is not None:
                        raise AssertionError(
                            f"{function.module}: the JVM ended with {process.returncode}; see {log}"
                        )
                    if time.monotonic() - started > ANSWER_TIMEOUT_S:
                        raise AssertionError(
                            f"{function.module}: no answer within {ANSWER_TIMEOUT_S:.0f} s; see {log}"
                        )
                if first_answer_s is None:
                    first_answer_s = time.monotonic() - started
                time.sleep(0.2)  # a custom resource answers CloudFormation before it returns
                last = index == len(stub.exchanges) - 1
                timed_out = None if last else function.timed_out(exchange)
                if timed_out is None:
                    summary = function.check(exchange, retried=index > 0)
                    if index > 0:
                        summary += (
                            f" (invocation {index + 1}; the earlier ones ended in "
                            + ", ".join(
                                sorted({function.timed_out(e) for e in stub.exchanges[:index]})
                            )
                            + ")"
                        )
                    stub.exchanges = stub.exchanges[: index + 1]
                    break
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM if stop == "term" else signal.SIGKILL)
            process.wait(timeout=ANSWER_TIMEOUT_S)
            stub.shutdown()
            backend.stop()
    return Run(stub.exchanges, first_answer_s, summary)


def chroot_command(root: Path, command: list[str]) -> list[str]:
    """The command run by qemu-aarch64-static inside root, in a mount namespace of its own with
    this machine's /proc, /dev and /sys bound in (the JVM reads them), which vanish with it.

    A chroot rather than qemu's -L sysroot: qemu 7.2 maps the paths of most system calls into
    the sysroot but not statx's, with which this JDK checks its classpath, so /var/runtime/lib
    would be looked up on this machine. A chroot needs root, or a user namespace otherwise."""
    qemu = debimage.qemu()
    inside = root / QEMU_IN_ROOT.lstrip("/")
    if not inside.is_file():
        shutil.copy2(qemu, inside)
    for mount in ("proc", "dev", "sys"):
        (root / mount).mkdir(exist_ok=True)
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    # The working directory is the image's (/var/task), where Lambda starts the entrypoint.
    script = (
        'mount --rbind /proc "$1/proc" && mount --rbind /dev "$1/dev" && mount --rbind /sys "$1/sys" '
        '&& root="$1" && shift && exec "$0" --root="$root" --wd=/var/task "$@"'
    )
    unshare = shutil.which("unshare", path=HOST_PATH)
    sh = shutil.which("sh", path=HOST_PATH)
    if not unshare or not sh:
        raise SystemExit("running an image needs unshare (util-linux) and sh")
    return [unshare, "--mount", *user, sh, "-c", script, unshare, str(root), QEMU_IN_ROOT, *command]


def train(module_dir: Path) -> Path:
    """The module's AppCDS archive, written by the image's own JVM at the exit of one invocation
    (-XX:ArchiveClassesAtExit), to <module>/target/lambda/runtime/app-cds.jsa."""
    module = module_dir.name
    root = module_dir / "target" / "image-training" / "rootfs"
    training_root(module_dir, root)
    command = entrypoint_of(module_dir) + [handler_of(module_dir)]
    archive = module_dir / RUNTIME_DIR / ARCHIVE
    archive.unlink(missing_ok=True)
    # The image's argument file without the archive it is about to write.
    arguments = (root / "var/runtime/java.args").read_text().splitlines()
    (root / "var/runtime/java-training.args").write_text(
        "\n".join(a for a in arguments if not a.startswith("-XX:SharedArchiveFile=")) + "\n"
    )
    training = [
        command[0],
        f"-XX:ArchiveClassesAtExit=/var/runtime/{ARCHIVE}",
        "@/var/runtime/java-training.args",
        *command[2:],
    ]
    started = time.monotonic()
    run = run_jvm(
        root,
        training,
        IMAGE_ENVIRONMENT,
        FUNCTIONS[module],
        module_dir / "target/image-training/training.log",
        stop="term",
    )
    written = root / "var/runtime" / ARCHIVE
    if not written.is_file():
        raise SystemExit(
            f"{module}: the training run wrote no archive; see {module_dir}/target/image-training"
        )
    shutil.copyfile(written, archive)
    shutil.rmtree(root)
    print(
        f"{module}: AppCDS archive of {archive.stat().st_size // 1024} KiB trained by the image's JVM "
        f"under qemu ({run.summary}; first answer {run.first_answer_s:.1f} s, {time.monotonic() - started:.0f} s in all)"
    )
    return archive


def entrypoint_of(_module_dir: Path) -> list[str]:
    return list(ENTRYPOINT)


def handler_of(module_dir: Path) -> str:
    return (module_dir / RUNTIME_DIR / "handler").read_text().strip()


def jvm_options() -> list[str]:
    lines = (debimage.IMAGES_DIR / "jvm-options").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def write_runtime(module_dir: Path, handler: str, jar: str) -> None:
    """What Jib adds under /var/runtime besides the runtime client's jars (copied there by Maven):
    java.args, the ENTRYPOINT's argument file (the JVM options, the class path and the main
    class), the client's arm64 glibc native library, and the handler (the CMD) and the module's
    jar name for the training run.

    The class path holds the runtime client's jars and then every jar of /var/task/lib, each set
    in name order (an archive is only used with the class path it was written with): the
    function's classes are loaded by the JVM's application class loader, whose classes the
    archive holds whole, lambdas included, where the client's own loader would still read each
    class from its jar (ADR 0034). The client finds the handler through its loader, which asks
    the application loader first."""
    runtime = module_dir / RUNTIME_DIR
    jars = sorted(p.name for p in (runtime / "lib").glob("*.jar"))
    client = [j for j in jars if j.startswith("aws-lambda-java-runtime-interface-client-")]
    if len(client) != 1:
        raise SystemExit(
            f"{runtime / 'lib'}: expected one runtime interface client jar, found {client}"
        )
    if not (module_dir / "target" / jar).is_file():
        raise SystemExit(f"{module_dir / 'target' / jar} is missing: package the module first")
    task_jars = sorted([jar, *(p.name for p in (module_dir / "target/lambda/lib").glob("*.jar"))])
    classpath = ":".join(
        [f"/var/runtime/lib/{name}" for name in jars]
        + [f"/var/task/lib/{name}" for name in task_jars]
    )
    lines = [*jvm_options(), "-cp", classpath, RUNTIME_MAIN_CLASS]
    (runtime / "java.args").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with zipfile.ZipFile(runtime / "lib" / client[0]) as client_jar:
        (runtime / "lib" / "libaws-lambda-jni.so").write_bytes(client_jar.read(JNI_LIBRARY))
    (runtime / "handler").write_text(handler + "\n", encoding="utf-8")
    (runtime / "task-jar").write_text(jar + "\n", encoding="utf-8")


def training_key(module_dir: Path) -> str:
    """What the archive depends on: the base (its lock), the JVM options and every file the build
    adds to the image, by its place there and SHA-256 (not by where the tree is checked out)."""
    digest = hashlib.sha256()
    files = [
        (f"images/{path.name}", path)
        for path in (debimage.PACKAGES_LOCK, debimage.IMAGES_DIR / "jvm-options")
    ]
    files += [(into, path) for path, into in image_files(module_dir)]
    for name, path in files:
        digest.update(name.encode() + b"\0" + debimage.sha256_of(path).encode())
    return digest.hexdigest()


def archive_cache() -> Path:
    """Trained archives by training key, outside target/ so that a clean build whose inputs did not
    change (the jars are reproducible: project.build.outputTimestamp) trains nothing."""
    default = Path.home() / ".cache" / "trade-processing" / "app-cds"
    return Path(os.environ.get("ARCHIVE_CACHE_DIR", default))


# Archives kept per module in the cache, newest first.
CACHED_ARCHIVES = 3


def build(module_dir: Path, handler: str, jar: str) -> None:
    """The module's /var/runtime tree, its archive trained again only when an input changed."""
    write_runtime(module_dir, handler, jar)
    module = module_dir.name
    key_file = module_dir / RUNTIME_DIR / (ARCHIVE + ".key")
    key = training_key(module_dir)
    archive = module_dir / RUNTIME_DIR / ARCHIVE
    if archive.is_file() and key_file.is_file() and key_file.read_text() == key:
        print(f"{module}: AppCDS archive up to date ({archive})")
        return
    key_file.unlink(missing_ok=True)
    cached = archive_cache() / f"{module}-{key}.jsa"
    if cached.is_file():
        shutil.copyfile(cached, archive)
        os.utime(cached)
        print(f"{module}: AppCDS archive trained earlier for the same inputs ({cached})")
    else:
        train(module_dir)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        shutil.copyfile(archive, partial)
        partial.replace(cached)
        older = sorted(
            cached.parent.glob(f"{module}-*.jsa"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for stale in older[CACHED_ARCHIVES:]:
            stale.unlink(missing_ok=True)
    key_file.write_text(key)


def run_image(module_dir: Path, jvm_options: list[str], upstream: dict | None = None) -> Run:
    """One invocation of the built image (<module>/target/jib-image.tar) under qemu, its own
    ENTRYPOINT and CMD, extra JVM options placed right after the java command. upstream: the
    validator's and the enricher's exchanges the module's input is built from (recorder_input)."""
    root = module_dir / "target" / "image-run" / "rootfs"
    config = unpack_image(module_dir / "target" / "jib-image.tar", root)
    command = list(config["config"]["Entrypoint"]) + list(config["config"].get("Cmd") or [])
    command[1:1] = jvm_options
    env = dict(entry.split("=", 1) for entry in config["config"].get("Env", []))
    env.pop("PATH", None)
    module = module_dir.name
    run = run_jvm(
        root,
        command,
        env,
        FUNCTIONS[module],
        module_dir / "target/image-run/run.log",
        upstream=upstream,
    )
    return run


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["build", "train", "run"])
    parser.add_argument("module_dir", type=Path)
    parser.add_argument("--handler", help="build: the image's CMD")
    parser.add_argument("--task-jar", help="build: the module's jar, in target/")
    parser.add_argument("--jvm-option", action="append", default=[])
    args = parser.parse_args(argv)
    module_dir = args.module_dir.resolve()
    if args.command == "build":
        build(module_dir, args.handler, args.task_jar)
    elif args.command == "train":
        train(module_dir)
    else:
        run = run_image(module_dir, args.jvm_option)
        print(f"{module_dir.name}: {run.summary}, first answer after {run.first_answer_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
