"""The adaptations of moto 5.2.5 that rehearsing deploy/deploy.sh and deploy/destroy.sh needs.

The rehearsal (docs/deploy.md, "Rehearsal on the emulator") runs the real scripts with the real
AWS CLI against the emulator: CloudFormation change sets, a self-managed stack set with an
instance in each region, nested stacks read from S3, a custom resource served by the real
global-table-resource handler, ECR images replicated between regions, a DynamoDB replica. Each
patch below replaces one narrow seam of moto where it departs from the AWS behaviour the scripts
rely on, says which, and cites the AWS documentation of that behaviour; ADR 0010 lists them and
emulator/tests/test_deployment_patches.py tests each one.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from added_resources import AddedResource, register

LOG = logging.getLogger("emulator")

# How long a stack deletion waits for a custom resource's answer to its Delete request. AWS waits
# up to an hour; the rehearsal's handler answers in seconds.
_CUSTOM_RESOURCE_DELETE_TIMEOUT_SECONDS = 300
# Custom resources whose Delete awaits an answer, by (stack id, logical id): moto takes a stack out
# of its list of stacks before it deletes the resources, so the answer cannot find it there.
_PENDING_DELETES: dict[tuple[str, str], Any] = {}


@dataclass(frozen=True)
class _Creation:
    """One call of a resource model's create_from_cloudformation_json, as moto received it."""

    model: Any
    moto_create: Callable[..., Any]
    resource_name: str
    cloudformation_json: dict[str, Any]
    account_id: str
    region_name: str
    kwargs: dict[str, Any]

    @property
    def properties(self) -> dict[str, Any]:
        return self.cloudformation_json["Properties"]

    def by_moto(self, cloudformation_json: dict[str, Any] | None = None) -> Any:
        """moto's own creation, of the resource as declared or as given."""
        return self.moto_create(
            self.model,
            self.resource_name,
            self.cloudformation_json if cloudformation_json is None else cloudformation_json,
            self.account_id,
            self.region_name,
            **self.kwargs,
        )


def _replace_cloudformation_create(model: Any, create: Callable[[_Creation], Any]) -> None:
    """model.create_from_cloudformation_json (a classmethod) becomes create, given each call."""
    moto_create = model.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(
        cls: Any,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Any:
        return create(
            _Creation(
                cls,
                moto_create,
                resource_name,
                cloudformation_json,
                account_id,
                region_name,
                kwargs,
            )
        )

    model.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)


def apply() -> None:
    """Installs every deployment patch; idempotent."""
    if getattr(apply, "applied", False):
        return
    _complete_change_set_outputs()
    _template_urls_on_the_emulator()
    _nested_stack_outputs()
    _cidr_and_availability_zones()
    _archive_patterns_as_objects()
    _event_bus_references()
    _stack_set_instances_as_stacks()
    _filter_listed_stack_instances()
    _update_stack_set_updates_instances()
    _custom_resource_answers_and_deletes()
    _image_functions_from_templates()
    _dynamodb_replicas()
    _ecr_registry_replication()
    _ecr_replication_configuration_resource()
    _ecr_repositories_empty_on_delete()
    _lambda_account_settings()
    _s3_requests_as_over_tls()
    apply.applied = True  # type: ignore[attr-defined]


# --- CloudFormation change sets ---------------------------------------------------------------
# `aws cloudformation deploy` creates a change set and executes it. moto builds a stack created
# from a change set with an empty template and never rebuilds its outputs when the change set is
# executed, so the stack has no Outputs (DescribeStacks omits them) although its resources exist.
# A change set without changes is refused (ValidationError "No updates are to be performed.")
# instead of being created with the status FAILED, which `deploy --no-fail-on-empty-changeset`
# expects. AWS: the stack's outputs are its template's once the change set is executed; a change
# set without changes is FAILED with "The submitted information didn't contain changes"
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-execute.html,
# https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/).


def _complete_change_set_outputs() -> None:
    from moto.cloudformation.models import CloudFormationBackend
    from moto.cloudformation.responses import CloudFormationResponse

    moto_create_change_set = CloudFormationResponse.create_change_set

    def create_change_set(self: CloudFormationResponse) -> Any:
        # The backend already marks a change set without changes FAILED; the response's own check
        # would refuse the call instead.
        self._validate_different_update = lambda *args, **kwargs: None
        return moto_create_change_set(self)

    CloudFormationResponse.create_change_set = create_change_set

    moto_execute = CloudFormationBackend.execute_change_set

    def execute_change_set(
        self: CloudFormationBackend, change_set_name: str, stack_name: str | None = None
    ) -> None:
        moto_execute(self, change_set_name, stack_name)
        change_set = self.describe_change_set(change_set_name)
        stack = self.stacks[change_set.stack_id]
        stack._parse_template()
        stack.description = stack.template_dict.get("Description")
        stack.output_map = stack._create_output_map()

    CloudFormationBackend.execute_change_set = execute_change_set


# `aws cloudformation package` pointed at the emulator (AWS_ENDPOINT_URL) writes each nested
# template's TemplateURL as <endpoint>/<bucket>/<key>, as it writes https://s3.<region>.amazonaws.com
# /<bucket>/<key> for AWS: a path-style URL. moto reads a path-style URL only when its host is
# "localhost" or an amazonaws.com S3 host, and takes "127" for the bucket of http://127.0.0.1:<port>/...
# Here any loopback host is read path-style too
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html#path-style-access).

_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def _template_urls_on_the_emulator() -> None:
    from urllib.parse import urlparse

    from moto.cloudformation import models, responses, utils

    moto_get = utils.get_stack_from_s3_url

    def get_stack_from_s3_url(template_url: str, account_id: str, partition: str) -> str:
        if urlparse(template_url).hostname in _LOOPBACK_HOSTS:
            url = urlparse(template_url)
            template_url = f"http://localhost{url.path}"
        return moto_get(template_url, account_id=account_id, partition=partition)

    for module in (utils, models, responses):
        module.get_stack_from_s3_url = get_stack_from_s3_url


# A nested stack's outputs are read with Fn::GetAtt [<Stack>, Outputs.<Name>]; moto's Stack says
# it has every attribute but implements none (AttributeError get_cfn_attribute), so a root stack
# that passes one child's output to another cannot be created
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html#aws-resource-cloudformation-stack-return-values).


def _nested_stack_outputs() -> None:
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudformation.models import Stack

    def get_cfn_attribute(self: Stack, attribute_name: str) -> Any:
        if attribute_name.startswith("Outputs."):
            wanted = attribute_name[len("Outputs.") :]
            for output in self.outputs or []:
                if output["OutputKey"] == wanted:
                    return output["OutputValue"]
        raise UnformattedGetAttTemplateException()

    Stack.get_cfn_attribute = get_cfn_attribute


# moto does not evaluate Fn::Cidr (the network template's subnets select from it) and answers
# Fn::GetAZs "" with us-east-1's zones in every region. AWS: Fn::Cidr [block, count, bits] is the
# list of the first `count` blocks with `bits` host bits inside `block`; Fn::GetAZs "" is the
# zones of the stack's region
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html,
# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html).


def _cidr_and_availability_zones() -> None:
    import ipaddress

    from moto.cloudformation import parsing

    moto_clean_json = parsing.clean_json

    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        if isinstance(resource_json, dict) and len(resource_json) == 1:
            if "Fn::Cidr" in resource_json:
                block, count, bits = (
                    clean_json(v, resources_map) for v in resource_json["Fn::Cidr"]
                )
                network = ipaddress.ip_network(block, strict=False)
                prefix = network.max_prefixlen - int(bits)
                subnets = network.subnets(new_prefix=prefix)
                return [str(next(subnets)) for _ in range(int(count))]
            if "Fn::GetAZs" in resource_json:
                region = (
                    clean_json(resource_json["Fn::GetAZs"], resources_map)
                    or resources_map._region_name
                )
                return [f"{region}{zone}" for zone in ("a", "b", "c")]
        return moto_clean_json(resource_json, resources_map)

    parsing.clean_json = clean_json


# AWS::Events::Archive takes its EventPattern as a JSON object in a template, as a rule does; moto
# converts a rule's object to text but hands an archive's object to a parser that wants text
# (TypeError) (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-archive.html).


def _archive_patterns_as_objects() -> None:
    from moto.events.models import Archive

    def create(creation: _Creation) -> Any:
        pattern = creation.properties.get("EventPattern")
        if not isinstance(pattern, dict):
            return creation.by_moto()
        cloudformation_json = copy.deepcopy(creation.cloudformation_json)
        cloudformation_json["Properties"]["EventPattern"] = json.dumps(pattern)
        return creation.by_moto(cloudformation_json)

    _replace_cloudformation_create(Archive, create)


# Ref of an AWS::Events::EventBus is the bus name; moto's EventBus has no physical_resource_id,
# so the Ref resolves to the model object and a rule with EventBusName {"Ref": bus} fails
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-eventbus.html#aws-resource-events-eventbus-return-values).


def _event_bus_references() -> None:
    from moto.events.models import EventBus

    EventBus.physical_resource_id = property(lambda self: self.name)


# --- Stack set instances ----------------------------------------------------------------------
# moto creates a self-managed instance's stack under the name "StackSet:<name>" and describes the
# instance with a stack id it generates afresh (not that stack's), always CURRENT. A resource that
# fails makes the whole CreateStackInstances call fail with an HTTP 500 instead of an operation
# that FAILED. AWS names the stack StackSet-<stack set name>-<id>, reports the instance's StackId,
# and an instance whose stack did not complete is OUTDATED with a StatusReason, its operation
# FAILED with per-region results
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackInstance.html,
# https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackInstanceSummary.html).

_OK_STACK_STATUSES = ("CREATE_COMPLETE", "UPDATE_COMPLETE")


def _stack_set_instances_as_stacks() -> None:
    from moto.cloudformation import models
    from moto.cloudformation.exceptions import ValidationError
    from moto.moto_api._internal import mock_random

    def instance_init(
        self: Any,
        account_id: str,
        region_name: str,
        stackset_id: str,
        stack_name: str,
        name: str,
        template: str,
        parameters: Any,
        permission_model: str,
    ) -> None:
        self.account_id = account_id
        self.region_name = region_name
        self.stackset_id = stackset_id
        self.stack_name = stack_name
        self.name = name
        self.template = template
        self.parameters = parameters or []
        self.permission_model = permission_model
        self.status_reason = None
        params = (
            parameters
            if isinstance(parameters, dict)
            else {
                p["ParameterKey"]: p["ParameterValue"]
                for p in (parameters or [])
                if "ParameterValue" in p
            }
        )
        backend = models.cloudformation_backends[account_id][region_name]
        stack_name = f"StackSet-{name}-{mock_random.uuid4()}"
        try:
            self.stack = backend.create_stack(name=stack_name, template=template, parameters=params)
        except (
            Exception
        ) as error:  # a resource moto could not create: the instance fails, not the call
            LOG.warning(
                "stack set %s: the stack in %s failed: %s", name, region_name, error, exc_info=True
            )
            self.status_reason = f"{type(error).__name__}: {error}"
            self.stack = backend.get_stack(stack_name) if _has_stack(backend, stack_name) else None
            if self.stack is not None:
                self.stack.status = "CREATE_FAILED"

    def instance_delete(self: Any) -> None:
        if (
            self.stack is not None
            and self.stack.stack_id
            in models.cloudformation_backends[self.account_id][self.region_name].stacks
        ):
            models.cloudformation_backends[self.account_id][self.region_name].delete_stack(
                self.stack.stack_id
            )

    def instance_status(self: Any) -> tuple[str, str | None]:
        # An instance is CURRENT once its stack and every stack nested in it are complete (moto
        # completes a parent before the custom resources of its children have answered).
        if self.stack is None:
            return "OUTDATED", self.status_reason or "The stack was not created."
        stacks = [self.stack, *_nested_stacks(self.stack)]
        failed = [
            st
            for st in stacks
            if not st.status.endswith("_IN_PROGRESS") and st.status not in _OK_STACK_STATUSES
        ]
        if failed:
            return "OUTDATED", self.status_reason or _failure_reason(failed[0])
        running = [st for st in stacks if st.status.endswith("_IN_PROGRESS")]
        if running:
            return "OUTDATED", f"The stack {running[0].name} is {running[0].status}."
        return "CURRENT", None

    def instance_running(self: Any) -> bool:
        return self.stack is not None and any(
            st.status.endswith("_IN_PROGRESS") for st in [self.stack, *_nested_stacks(self.stack)]
        )

    def instance_to_dict(self: Any) -> dict[str, Any]:
        status, reason = instance_status(self)
        detailed = (
            "RUNNING" if instance_running(self) else {"CURRENT": "SUCCEEDED"}.get(status, "FAILED")
        )
        answer = {
            "StackId": self.stack.stack_id if self.stack is not None else None,
            "StackSetId": self.stackset_id,
            "Region": self.region_name,
            "Account": self.account_id,
            "Status": status,
            "ParameterOverrides": [],
            "StackInstanceStatus": {"DetailedStatus": detailed},
        }
        if reason:
            answer["StatusReason"] = reason
        return {k: v for k, v in answer.items() if v is not None}

    models.StackInstance.__init__ = instance_init
    models.StackInstance.delete = instance_delete
    models.StackInstance.to_dict = instance_to_dict
    models.StackInstance.instance_status = instance_status
    models.StackInstance.instance_running = instance_running

    # An operation lasts as long as its instances' stacks are in progress, and FAILED when one of
    # them did not complete, with the reason per region (ListStackSetOperationResults).
    moto_create_operation = models.StackSet._create_operation

    # moto calls it with keywords only (operation_id, action, status, accounts, regions).
    def create_operation(self: Any, **request: Any) -> dict[str, Any]:
        operation = moto_create_operation(self, **request)
        if not hasattr(self, "operation_targets"):
            self.operation_targets = {}
        self.operation_targets[request["operation_id"]] = (
            list(request.get("accounts") or []),
            list(request.get("regions") or []),
        )
        return operation

    def get_operation(self: Any, operation_id: str) -> dict[str, Any]:
        operation = next((o for o in self.operations if o["OperationId"] == operation_id), None)
        if operation is None:
            raise ValidationError(operation_id)
        accounts, regions = getattr(self, "operation_targets", {}).get(operation_id, ([], []))
        results = []
        for instance in self.instances.stack_instances:
            if (regions and instance.region_name not in regions) or (
                accounts and instance.account_id not in accounts
            ):
                continue
            state, reason = instance.instance_status()
            results.append(
                {
                    "Account": instance.account_id,
                    "Region": instance.region_name,
                    "Status": "RUNNING"
                    if instance.instance_running()
                    else "SUCCEEDED"
                    if state == "CURRENT"
                    else "FAILED",
                    "StatusReason": reason or "",
                }
            )
        operation["Results"] = results
        if operation["Action"] != "DELETE" and operation["Status"] in (
            "SUCCEEDED",
            "RUNNING",
            "FAILED",
        ):
            if any(r["Status"] == "FAILED" for r in results):
                operation["Status"] = "FAILED"
                operation["StatusReason"] = "; ".join(
                    f"{r['Region']}: {r['StatusReason']}"
                    for r in results
                    if r["Status"] == "FAILED"
                )
            elif any(r["Status"] == "RUNNING" for r in results):
                operation["Status"] = "RUNNING"
            else:
                operation["Status"] = "SUCCEEDED"
        return operation

    models.StackSet.get_operation = get_operation
    models.StackSet._create_operation = create_operation

    from moto.cloudformation.responses import CloudFormationResponse
    from moto.core.responses import ActionResult

    def list_stack_set_operation_results(self: CloudFormationResponse) -> ActionResult:
        operation = self.cloudformation_backend.list_stack_set_operation_results(
            self._get_param("StackSetName"), self._get_param("OperationId")
        )
        return ActionResult(
            {
                "Summaries": [
                    {
                        "Account": r["Account"],
                        "Region": r["Region"],
                        "Status": r["Status"],
                        "StatusReason": r["StatusReason"],
                        "AccountGateResult": {"Status": "SKIPPED"},
                    }
                    for r in operation.get("Results", [])
                ]
            }
        )

    CloudFormationResponse.list_stack_set_operation_results = list_stack_set_operation_results


def _nested_stacks(stack: Any) -> list[Any]:
    from moto.cloudformation.models import Stack

    nested = []
    for resource in list(stack.resource_map._parsed_resources.values()):
        if isinstance(resource, Stack):
            nested.append(resource)
            nested.extend(_nested_stacks(resource))
    return nested


def _has_stack(backend: Any, name: str) -> bool:
    return any(stack.name == name for stack in backend.stacks.values())


def _failure_reason(stack: Any) -> str:
    failed = [
        e for e in stack.events if e.resource_status and e.resource_status.endswith("_FAILED")
    ]
    if failed and failed[-1].resource_status_reason:
        return failed[-1].resource_status_reason
    return f"The stack is {stack.status}."


# ListStackInstances ignores StackInstanceAccount and StackInstanceRegion and lists every instance.
# AWS: the two filter the instances to that account and region
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackInstances.html).


def _filter_listed_stack_instances() -> None:
    from moto.cloudformation.responses import CloudFormationResponse
    from moto.core.responses import ActionResult

    def list_stack_instances(self: CloudFormationResponse) -> ActionResult:
        account = self._get_param("StackInstanceAccount")
        region = self._get_param("StackInstanceRegion")
        instances = [
            i
            for i in self.cloudformation_backend.list_stack_instances(
                self._get_param("StackSetName")
            )
            if (not account or i["Account"] == account) and (not region or i["Region"] == region)
        ]
        return ActionResult({"Summaries": instances})

    CloudFormationResponse.list_stack_instances = list_stack_instances


# --- UpdateStackSet ---------------------------------------------------------------------------
# moto's UpdateStackSet changes the stack set and touches no instance unless Accounts and Regions
# are given, and it fails (KeyError, HTTP 500) on a UsePreviousValue parameter the stack set never
# had a value for (a template default). AWS: without Accounts/Regions the update goes to every
# instance, in the operation preferences' region order; UsePreviousValue keeps the current value,
# which for a parameter never set is its default
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html).
# Each instance's stack is updated as UpdateStack would (moto's diff: only changed resources).


def _update_stack_set_updates_instances() -> None:
    from moto.cloudformation import models

    moto_resolve = models.CloudFormationBackend._resolve_update_parameters

    def resolve_update_parameters(
        self: Any, instance: Any, incoming_params: list[dict[str, Any]]
    ) -> dict[str, str]:
        known = [
            p
            for p in incoming_params
            if not p.get("UsePreviousValue") or p["ParameterKey"] in instance.parameters
        ]
        return moto_resolve(self, instance, known)

    models.CloudFormationBackend._resolve_update_parameters = resolve_update_parameters

    moto_update = models.StackSet.update

    # moto calls it with keywords only (template, parameters, accounts, regions and the rest of
    # UpdateStackSet's request).
    def update(self: Any, **request: Any) -> dict[str, Any]:
        if not (request["accounts"] and request["regions"]):
            self.template = request["template"] or self.template
            self.parameters = request["parameters"] or self.parameters
            self.instances.template = self.template
            self.instances.parameters = self.parameters
            for instance in list(self.instances.stack_instances):
                _update_instance_stack(instance, self.template, self.parameters)
        return moto_update(self, **request)

    models.StackSet.update = update


def _update_instance_stack(instance: Any, template: str, parameters: dict[str, str]) -> None:
    from moto.cloudformation import models

    if instance.stack is None or instance.stack.status not in _OK_STACK_STATUSES:
        return  # AWS leaves such an instance OUTDATED until it is repaired
    backend = models.cloudformation_backends[instance.account_id][instance.region_name]
    try:
        backend.update_stack(
            instance.stack.name,
            template,
            None,
            [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
            None,
        )
    except Exception as error:
        LOG.warning(
            "stack set %s: the update in %s failed: %s", instance.name, instance.region_name, error
        )
        instance.status_reason = f"{type(error).__name__}: {error}"
        instance.stack.status = "UPDATE_FAILED"


# --- Custom resources -------------------------------------------------------------------------
# moto sends a custom resource's Create request and completes the resource on a SUCCESS answer,
# but ignores a FAILED answer (the stack stays CREATE_IN_PROGRESS) and never sends Delete: the
# function is not called when the stack is deleted, and moto deletes a stack's resources in no
# particular order (the function may go first). AWS: a FAILED answer fails the resource and the
# stack with the answer's Reason; deleting the stack sends Delete with the PhysicalResourceId the
# function answered and the resource's properties, before the resources the custom resource
# depends on are deleted
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-delete.html,
# https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html).
# moto's ResponseURL points at host.docker.internal when it finds no Docker (its functions would
# run in containers); here they run on this machine, so the URL is on the emulator's loopback
# address (127.0.0.1, the launcher's default bind address).


def _custom_resource_answers_and_deletes() -> None:
    from moto import settings
    from moto.cloudformation import custom_model, parsing

    settings.moto_server_host = lambda: "http://127.0.0.1"
    from moto.cloudformation.responses import CloudFormationResponse

    def create(creation: _Creation) -> Any:
        resource = creation.by_moto()
        resource.account_id = creation.account_id
        resource.stack_id = creation.kwargs["StackId"]
        resource.resource_type = creation.kwargs["ResourceType"]
        resource.properties = copy.deepcopy(creation.properties)
        resource.answered = threading.Event()
        resource.answer = None
        return resource

    _replace_cloudformation_create(custom_model.CustomModel, create)

    def process_cfn_response(self: CloudFormationResponse) -> tuple[int, dict[str, int], str]:
        answer = json.loads(_answer_body(self))
        deleting = _PENDING_DELETES.get((answer.get("StackId"), answer.get("LogicalResourceId")))
        if deleting is not None:
            deleting.answer = answer
            deleting.pending_delete.set()
            return 200, {"status": 200}, ""
        stack = self.cloudformation_backend.get_stack(answer.get("StackId"))
        resource = stack.custom_resources.get(answer.get("LogicalResourceId"))
        if resource is None:
            LOG.warning("answer for an unknown custom resource: %s", answer)
            return 404, {"status": 404}, json.dumps({"message": "no such custom resource"})
        resource.answer = answer
        if answer.get("Status") == "SUCCESS":
            resource.physical_id = answer.get("PhysicalResourceId") or resource.resource_name
            resource.set_data(answer.get("Data") or {})
            # moto creates every other resource before CreateStack returns: the stack is complete
            # once all its custom resources have answered. (moto's own readiness check tries to
            # create again the resources it skipped, and fails.)
            if stack.status == "CREATE_IN_PROGRESS" and all(
                r.is_created() for r in stack.custom_resources.values()
            ):
                stack.mark_creation_complete()
        else:
            reason = answer.get("Reason") or "the custom resource answered FAILED without a reason"
            LOG.warning(
                "custom resource %s of %s FAILED: %s", resource.logical_id, stack.name, reason
            )
            stack.status = "CREATE_FAILED"
            stack._add_stack_event(
                "CREATE_FAILED",
                resource_status_reason=(
                    f"The following resource(s) failed to create: [{resource.logical_id}]. {reason}"
                ),
            )
            _fail_parent_stacks(stack, reason)
        return 200, {"status": 200}, ""

    CloudFormationResponse.process_cfn_response = process_cfn_response

    def delete(self: Any, account_id: str, region_name: str) -> None:
        _send_delete(self)

    custom_model.CustomModel.delete = delete

    moto_resource_map_delete = parsing.ResourceMap.delete

    def resource_map_delete(self: Any) -> None:
        # Custom resources first: their functions and what they act on must still exist.
        for logical_id, resource in list(self._parsed_resources.items()):
            if isinstance(resource, custom_model.CustomModel):
                _send_delete(resource)
                self._parsed_resources.pop(logical_id)
        moto_resource_map_delete(self)

    parsing.ResourceMap.delete = resource_map_delete


def _answer_body(response: Any) -> str:
    # The answer as sent: JSON, with an empty Content-Type (as the cfn-response module sends it to
    # its presigned S3 URL) or application/json.
    body = response.body
    return (body.decode("utf-8") if isinstance(body, bytes) else body) or "{}"


def _send_delete(resource: Any) -> None:
    from moto import settings
    from moto.awslambda.utils import get_backend as get_lambda_backend
    from moto.moto_api._internal import mock_random

    if not getattr(resource, "_finished", False) or getattr(resource, "properties", None) is None:
        return  # never created (or created before these patches): nothing to delete
    function = get_lambda_backend(resource.account_id, resource.region_name).get_function(
        resource.properties["ServiceToken"]
    )
    host = f"{settings.moto_server_host()}:{settings.moto_server_port()}"
    event = {
        "RequestType": "Delete",
        "ServiceToken": resource.properties["ServiceToken"],
        "ResponseURL": f"{host}/cloudformation_{resource.region_name}/cfnresponse?stack={resource.stack_id}",
        "StackId": resource.stack_id,
        "RequestId": str(mock_random.uuid4()),
        "LogicalResourceId": resource.logical_id,
        "PhysicalResourceId": getattr(resource, "physical_id", resource.resource_name),
        "ResourceType": resource.resource_type,
        "ResourceProperties": resource.properties,
    }
    resource.pending_delete = threading.Event()
    resource.answer = None
    key = (resource.stack_id, resource.logical_id)
    _PENDING_DELETES[key] = resource
    try:
        threading.Thread(
            target=function.invoke,
            args=(json.dumps(event), {}, {}),
            daemon=True,
            name=f"custom-resource-delete-{resource.logical_id}",
        ).start()
        answered = resource.pending_delete.wait(_CUSTOM_RESOURCE_DELETE_TIMEOUT_SECONDS)
    finally:
        _PENDING_DELETES.pop(key, None)
    if not answered:
        raise RuntimeError(
            f"custom resource {resource.logical_id}: no answer to Delete within "
            f"{_CUSTOM_RESOURCE_DELETE_TIMEOUT_SECONDS}s"
        )
    if resource.answer.get("Status") != "SUCCESS":
        raise RuntimeError(
            f"custom resource {resource.logical_id}: Delete FAILED: {resource.answer.get('Reason')}"
        )
    LOG.info("custom resource %s deleted: %s", resource.logical_id, resource.answer.get("Reason"))


def _fail_parent_stacks(stack: Any, reason: str) -> None:
    # A nested stack that fails fails the stack that holds it, up to the root.
    from moto.cloudformation import models

    backend = models.cloudformation_backends[stack.account_id][stack.region_name]
    for parent in list(backend.stacks.values()):
        for resource in parent.resource_map._parsed_resources.values():
            if resource is stack:
                parent.status = "CREATE_FAILED"
                parent._add_stack_event(
                    "CREATE_FAILED",
                    resource_status_reason=(
                        f"Embedded stack {stack.stack_id} was not successfully created: {reason}"
                    ),
                )
                _fail_parent_stacks(parent, reason)


# --- Lambda functions from templates ----------------------------------------------------------
# moto's AWS::Lambda::Function passes only Code, Handler, Role, Runtime and a few optional
# properties to CreateFunction, so an image function (PackageType Image, ImageConfig.Command,
# Architectures arm64) becomes a Zip function without a handler (ADR 0010). The Lambda host reads
# ImageConfig.Command to know which handler to run. Here the function gets every property that
# CreateFunction takes under the same name
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html).

_FUNCTION_PROPERTIES = (
    "Description",
    "MemorySize",
    "Publish",
    "Timeout",
    "VpcConfig",
    "Environment",
    "ReservedConcurrentExecutions",
    "PackageType",
    "ImageConfig",
    "Architectures",
    "LoggingConfig",
    "TracingConfig",
    "DeadLetterConfig",
    "EphemeralStorage",
    "KmsKeyArn",
    "Layers",
    "Tags",
)


def _image_functions_from_templates() -> None:
    from moto.awslambda.models import LambdaFunction
    from moto.awslambda.utils import get_backend

    def create(creation: _Creation) -> Any:
        properties = creation.properties
        if properties.get("PackageType") != "Image":
            return creation.by_moto()
        spec = {
            "FunctionName": creation.resource_name,
            "Role": properties["Role"],
            "Code": properties["Code"],
        }
        spec.update({name: properties[name] for name in _FUNCTION_PROPERTIES if name in properties})
        return get_backend(creation.account_id, creation.region_name).create_function(spec)

    _replace_cloudformation_create(LambdaFunction, create)


# --- DynamoDB global tables (version 2019.11.21) ----------------------------------------------
# moto 5.2.5 has no replicas: UpdateTable ignores ReplicaUpdates and DescribeTable lists none.
# AWS: UpdateTable with ReplicaUpdates Create adds a replica table of the same name, keys, indexes
# and billing in the other region; DescribeTable lists the replicas with their ReplicaStatus on
# every replica; Delete removes that region's table
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html,
# https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicaDescription.html).
# Here a replica is created or deleted at once (AWS takes minutes) and is ACTIVE; items are
# replicated by failover_patches.py; point-in-time recovery stays a setting of each replica, as
# in AWS.


def _dynamodb_replicas() -> None:
    from moto.dynamodb.exceptions import MockValidationException
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodb.models.table import Table
    from moto.dynamodb.responses import DynamoHandler

    moto_update_table = DynamoHandler.update_table

    def update_table(self: DynamoHandler) -> Any:
        updates = self.body.get("ReplicaUpdates") or []
        if updates:
            table = self.dynamodb_backend.get_table(self.body["TableName"])
            for update in updates:
                if "Create" in update:
                    _add_replica(
                        table,
                        update["Create"]["RegionName"],
                        dynamodb_backends,
                        MockValidationException,
                    )
                elif "Delete" in update:
                    _remove_replica(
                        table,
                        update["Delete"]["RegionName"],
                        dynamodb_backends,
                        MockValidationException,
                    )
            body = dict(self.body)
            body.pop("ReplicaUpdates")
            self.body = body
        return moto_update_table(self)

    DynamoHandler.update_table = update_table

    moto_describe = Table.describe

    def describe(self: Table, base_key: str = "TableDescription") -> dict[str, Any]:
        result = moto_describe(self, base_key)
        group = getattr(self, "replication_group", None)
        if group and len(group) > 1:
            result[base_key]["Replicas"] = [
                {"RegionName": region, "ReplicaStatus": "ACTIVE"}
                for region in sorted(group)
                if region != self.region_name
            ]
            result[base_key]["GlobalTableVersion"] = "2019.11.21"
        return result

    Table.describe = describe


def _add_replica(table: Any, region: str, backends: Any, validation: Any) -> None:
    if region == table.region_name:
        raise validation(f"The table is already in {region}")
    backend = backends[table.account_id][region]
    if table.name in backend.tables:
        raise validation(
            f"Failed to create a replica: a table {table.name} already exists in {region}"
        )
    replica = backend.create_table(
        table.name,
        schema=table.schema,
        throughput=table.throughput,
        attr=table.attr,
        global_indexes=[i.describe() for i in table.global_indexes],
        indexes=[i.describe() for i in table.indexes],
        streams=table.stream_specification,
        billing_mode=table.billing_mode,
        sse_specification=table.sse_specification,
        tags=[],
        deletion_protection_enabled=False,
        warm_throughput=None,
    )
    group = getattr(table, "replication_group", None) or {table.region_name}
    group.add(region)
    table.replication_group = group
    replica.replication_group = group


def _remove_replica(table: Any, region: str, backends: Any, validation: Any) -> None:
    group = getattr(table, "replication_group", None) or {table.region_name}
    if region not in group or region == table.region_name:
        raise validation(
            f"Update global table operation failed: no replica of {table.name} in {region}"
        )
    group.discard(region)
    backends[table.account_id][region].tables.pop(table.name, None)


# --- ECR registry replication -----------------------------------------------------------------
# moto refuses a replication configuration of more than one rule ("This feature is disabled"),
# never replicates an image, and computes an image digest from its layers' digests. AWS: a
# registry's replication configuration has up to 25 rules, each with destinations and optional
# repository filters (PREFIX_MATCH on the repository name); an image pushed to a repository that
# a rule's filters match is copied to each destination region's repository of the same name,
# which ECR creates if it is missing; an image's digest is the SHA-256 of its manifest
# (https://docs.aws.amazon.com/AmazonECR/latest/userguide/replication.html,
# https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_RepositoryFilter.html,
# https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationConfiguration.html).
# Replication here happens during PutImage (AWS: usually within 30 minutes).

# The API reference's bound (its CloudFormation resource still documents 10).
_REPLICATION_RULES_MAX = 25


def _ecr_registry_replication() -> None:
    from moto.ecr.exceptions import InvalidParameterException
    from moto.ecr.models import ECRBackend, Image, ecr_backends

    def put_replication_configuration(
        self: ECRBackend, replication_config: dict[str, Any]
    ) -> dict[str, Any]:
        rules = replication_config.get("rules", [])
        if len(rules) > _REPLICATION_RULES_MAX:
            raise InvalidParameterException(
                "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: "
                f"'rules' must have at most {_REPLICATION_RULES_MAX} items"
            )
        for rule in rules:
            for destination in rule.get("destinations", []):
                if (
                    destination["region"] == self.region_name
                    and destination["registryId"] == self.account_id
                ):
                    raise InvalidParameterException(
                        "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: "
                        "'Replication destination cannot be the same as the source registry'"
                    )
        self.replication_config = copy.deepcopy(replication_config)
        return {"replicationConfiguration": replication_config}

    ECRBackend.put_replication_configuration = put_replication_configuration

    def create_digest(self: Image) -> None:
        self._image_digest = (
            "sha256:" + hashlib.sha256(self.image_manifest.encode("utf-8")).hexdigest()
        )

    Image._create_digest = create_digest

    moto_put_image = ECRBackend.put_image

    def put_image(
        self: ECRBackend,
        repository_name: str,
        image_manifest: str,
        image_tag: str,
        image_manifest_mediatype: str | None = None,
        digest: str | None = None,
    ) -> Image:
        image = moto_put_image(
            self, repository_name, image_manifest, image_tag, image_manifest_mediatype, digest
        )
        for region in _replication_destinations(self, repository_name):
            destination = ecr_backends[self.account_id][region]
            if repository_name not in destination.repositories:
                destination.create_repository(
                    repository_name, None, {}, {"scanOnPush": False}, "MUTABLE", []
                )
            if not any(
                i.image_manifest == image_manifest
                for i in destination.repositories[repository_name].images
            ):
                moto_put_image(
                    destination,
                    repository_name,
                    image_manifest,
                    image_tag,
                    image_manifest_mediatype,
                    digest,
                )
        return image

    ECRBackend.put_image = put_image


def _replication_destinations(backend: Any, repository_name: str) -> list[str]:
    regions: list[str] = []
    for rule in backend.replication_config.get("rules", []):
        filters = rule.get("repositoryFilters") or []
        if filters and not any(
            f.get("filterType", "PREFIX_MATCH") == "PREFIX_MATCH"
            and repository_name.startswith(f["filter"])
            for f in filters
        ):
            continue
        for destination in rule.get("destinations", []):
            if (
                destination["registryId"] == backend.account_id
                and destination["region"] not in regions
            ):
                regions.append(destination["region"])
    return regions


# moto has no AWS::ECR::ReplicationConfiguration (skipped with a warning). AWS: the resource sets
# the registry's replication configuration and, when deleted, removes it
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-replicationconfiguration.html).


def _ecr_replication_configuration_resource() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.ecr.models import ecr_backends

    class ReplicationConfigurationResource(AddedResource, CloudFormationModel):
        # moto's model metaclass files every model under the service named in its module.
        __module__ = "moto.ecr.models"
        resource_type = "AWS::ECR::ReplicationConfiguration"

        @classmethod
        def create(
            cls, properties: dict[str, Any], resource_name: str, account_id: str, region_name: str
        ) -> Any:
            rules = properties["ReplicationConfiguration"]["Rules"]
            ecr_backends[account_id][region_name].put_replication_configuration(
                {
                    "rules": [
                        {
                            "destinations": [
                                {"region": d["Region"], "registryId": d["RegistryId"]}
                                for d in rule["Destinations"]
                            ],
                            **(
                                {
                                    "repositoryFilters": [
                                        {"filter": f["Filter"], "filterType": f["FilterType"]}
                                        for f in rule["RepositoryFilters"]
                                    ]
                                }
                                if rule.get("RepositoryFilters")
                                else {}
                            ),
                        }
                        for rule in rules
                    ]
                }
            )
            # The registry has one replication configuration: the account is its id.
            return cls(account_id, region_name, account_id)

        # moto calls it with keywords only; the registry's one configuration is put again.
        @classmethod
        def update_from_cloudformation_json(cls, **update: Any) -> Any:
            return cls.create_from_cloudformation_json(
                update["new_resource_name"],
                update["cloudformation_json"],
                update["account_id"],
                update["region_name"],
            )

        def delete(self, account_id: str, region_name: str) -> None:
            ecr_backends[account_id][region_name].put_replication_configuration({"rules": []})

    register(ReplicationConfigurationResource)


# An AWS::ECR::Repository with EmptyOnDelete true is deleted with its images; moto ignores the
# property, so deleting the stack fails (RepositoryNotEmptyException)
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-repository.html#cfn-ecr-repository-emptyondelete).


def _ecr_repositories_empty_on_delete() -> None:
    from moto.ecr.models import Repository, ecr_backends

    def create(creation: _Creation) -> Any:
        repository = creation.by_moto()
        repository.empty_on_delete = (
            str(creation.properties.get("EmptyOnDelete", "false")).lower() == "true"
        )
        return repository

    _replace_cloudformation_create(Repository, create)

    def delete(self: Any, account_id: str, region_name: str) -> None:
        ecr_backends[account_id][region_name].delete_repository(
            self.name, force=getattr(self, "empty_on_delete", False)
        )

    Repository.delete = delete


# moto has no GetAccountSettings (HTTP 404), which deploy.sh reads to check the Lambda concurrency
# quota of each region before it creates anything. AWS: AccountLimit.ConcurrentExecutions is the
# region's quota (1,000 by default) and UnreservedConcurrentExecutions what the functions'
# reservations leave of it; AccountUsage counts the functions
# (https://docs.aws.amazon.com/lambda/latest/api/API_GetAccountSettings.html,
# https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
# Here the quota is MOTO_LAMBDA_CONCURRENCY_QUOTA (moto's own setting for PutFunctionConcurrency)
# or 1,000.

_DEFAULT_CONCURRENCY_QUOTA = 1000


def _lambda_account_settings() -> None:
    import os
    import re

    from moto.awslambda import urls
    from moto.awslambda.models import lambda_backends
    from moto.core import DEFAULT_ACCOUNT_ID

    def account_settings(
        request: Any, full_url: str, headers: Any
    ) -> tuple[int, dict[str, str], str]:
        scope = re.search(r"Credential=[^/]+/[^/]+/([^/]+)/", headers.get("Authorization", ""))
        region = scope.group(1) if scope else "us-east-1"
        backend = lambda_backends[DEFAULT_ACCOUNT_ID][region]
        functions = list(backend.list_functions())
        quota = int(os.environ.get("MOTO_LAMBDA_CONCURRENCY_QUOTA", _DEFAULT_CONCURRENCY_QUOTA))
        reserved = sum(int(f.reserved_concurrency) for f in functions if f.reserved_concurrency)
        body = {
            "AccountLimit": {
                "TotalCodeSize": 80530636800,
                "CodeSizeUnzipped": 262144000,
                "CodeSizeZipped": 52428800,
                "ConcurrentExecutions": quota,
                "UnreservedConcurrentExecutions": quota - reserved,
            },
            "AccountUsage": {"TotalCodeSize": 0, "FunctionCount": len(functions)},
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    urls.url_paths[r"{0}/(?P<api_version>[^/]+)/account-settings/?$"] = account_settings


# deploy.sh gives its packaging bucket a policy that denies every request not made over TLS
# (Bool aws:SecureTransport false). moto evaluates only StringEquals in a policy's conditions and
# takes any other operator as matched, and it evaluates a bucket policy without request context,
# so such a Deny matches every request and the bucket refuses its own uploads (403); and a
# statement whose conditions do not match counts as a Deny, whatever its Effect. Here Bool is
# evaluated (case-insensitive "true"/"false"), a Deny whose conditions do not match does not apply
# (as in AWS: a statement applies only when its conditions match), and a bucket policy sees
# aws:SecureTransport true:
# the CLI reaches S3 over HTTPS only, and the emulator on loopback HTTP stands in for that
# endpoint. Other condition keys still have no value here
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean,
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport).


def _s3_requests_as_over_tls() -> None:
    from moto.iam import policy_conditions
    from moto.iam.access_control import IAMPolicy, IAMPolicyStatement, PermissionResult
    from moto.s3.models import FakeBucket

    def bool_operation(expected_value: list[str] | str, actual_value: str) -> bool:
        expected = expected_value if isinstance(expected_value, list) else [expected_value]
        return str(actual_value).lower() in [str(e).lower() for e in expected]

    policy_conditions.CONDITION_OPERATIONS["Bool"] = bool_operation

    moto_is_action_permitted = IAMPolicyStatement.is_action_permitted

    def is_action_permitted(
        self: IAMPolicyStatement,
        action: str,
        resource: str = "*",
        principal: str | None = None,
        incoming_condition_values: dict[str, str] | None = None,
    ) -> PermissionResult:
        if (
            self._statement.get("Effect") == "Deny"
            and self._statement.get("Condition")
            and not self._check_conditions(incoming_condition_values)
        ):
            return PermissionResult.NEUTRAL
        return moto_is_action_permitted(
            self, action, resource, principal, incoming_condition_values
        )

    IAMPolicyStatement.is_action_permitted = is_action_permitted

    def get_permission(self: FakeBucket, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        return IAMPolicy(self.policy.decode()).is_action_permitted(
            action, resource, incoming_condition_values={"aws:SecureTransport": "true"}
        )

    FakeBucket.get_permission = get_permission
