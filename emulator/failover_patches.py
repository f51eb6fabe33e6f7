"""What moto 5.2.5 lacks for templates/failover.json (ADR 0030, ADR 0031).

1. EventBridge global endpoints. moto has no CreateEndpoint, DescribeEndpoint, ListEndpoints or
   DeleteEndpoint and no AWS::Events::Endpoint in CloudFormation (a stack that reads the
   endpoint's EndpointId fails). AWS: an endpoint names exactly two event buses of one name in two
   regions, a Route 53 health check ARN for its primary and the secondary region; replication is
   ENABLED by default and then needs a RoleArn; the EndpointId is the subdomain of its URL
   https://<id>.endpoints.event.amazonaws.com
   (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEndpoint.html,
   https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
   Here the endpoint is stored and described, ACTIVE at once; nothing routes through it: PutEvents
   with an EndpointId is not served (a publisher on the emulator applies the routing rule itself,
   docs/operations.md, "What only AWS can prove").
2. Route 53 health checks created by CloudFormation. moto keeps only the HTTP-check fields, so a
   CALCULATED check loses its children and threshold, a CLOUDWATCH_METRIC check its alarm. AWS:
   HealthCheckConfig holds ChildHealthChecks, HealthThreshold, AlarmIdentifier {Name, Region} and
   InsufficientDataHealthStatus
   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-healthcheck-healthcheckconfig.html). Here they
   are kept and returned by GetHealthCheck; no health checker evaluates them. moto also leaves a
   template's health checks behind when their stack is deleted; AWS deletes them with it.
3. Global table items. A replica made by deployment_patches.py holds no items; AWS propagates
   every write to the other replicas (section 3 below), which the failover drill reads.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import uuid
from typing import Any

from added_resources import AddedResource, register

_ENDPOINT_NAME = re.compile(r"^[\.\-_A-Za-z0-9]{1,64}$")
_LOCK = threading.Lock()


def apply() -> None:
    """Installs the failover patches; idempotent."""
    if getattr(apply, "applied", False):
        return
    _event_bridge_endpoints()
    _health_check_configuration_from_templates()
    _global_table_items()
    apply.applied = True


# --- 1. EventBridge global endpoints ------------------------------------------------------------


class EndpointError(Exception):
    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _endpoints(backend: Any) -> dict[str, dict[str, Any]]:
    if not hasattr(backend, "failover_endpoints"):
        backend.failover_endpoints = {}
    return backend.failover_endpoints


def create_endpoint(backend: Any, request: dict[str, Any]) -> dict[str, Any]:
    """Validates and stores an endpoint as CreateEndpoint does; returns its description."""
    name = request.get("Name") or ""
    if not _ENDPOINT_NAME.match(name):
        raise EndpointError("ValidationException", f"Endpoint name '{name}' is invalid")
    buses = request.get("EventBuses") or []
    if len(buses) != 2:
        raise EndpointError("ValidationException", "EventBuses must hold exactly 2 event buses")
    arns = [bus.get("EventBusArn", "") for bus in buses]
    parts = [arn.split(":") for arn in arns]
    if any(len(p) != 6 or not p[5].startswith("event-bus/") for p in parts):
        raise EndpointError("ValidationException", f"EventBuses {arns} are not event bus ARNs")
    if parts[0][3] == parts[1][3] or parts[0][5] != parts[1][5]:
        raise EndpointError(
            "ValidationException",
            "The event buses must have the same name and be in different Regions",
        )
    failover = (request.get("RoutingConfig") or {}).get("FailoverConfig") or {}
    health_check = (failover.get("Primary") or {}).get("HealthCheck", "")
    secondary = (failover.get("Secondary") or {}).get("Route", "")
    if not health_check.startswith("arn:") or ":route53:::healthcheck/" not in health_check:
        raise EndpointError("ValidationException", f"'{health_check}' is not a health check ARN")
    if secondary not in (parts[0][3], parts[1][3]):
        raise EndpointError(
            "ValidationException",
            f"Secondary route '{secondary}' must be the Region of the other event bus",
        )
    replication = (request.get("ReplicationConfig") or {}).get("State", "ENABLED")
    if replication not in ("ENABLED", "DISABLED"):
        raise EndpointError("ValidationException", f"ReplicationConfig State '{replication}'")
    if replication == "ENABLED" and not request.get("RoleArn"):
        raise EndpointError("ValidationException", "Replication is ENABLED: RoleArn is required")
    with _LOCK:
        endpoints = _endpoints(backend)
        if name in endpoints:
            raise EndpointError("ResourceAlreadyExistsException", f"Endpoint {name} already exists")
        endpoint_id = f"{uuid.uuid4().hex[:5]}.{uuid.uuid4().hex[:3]}"
        endpoint = {
            "Name": name,
            "Description": request.get("Description", ""),
            "Arn": f"arn:aws:events:{backend.region_name}:{backend.account_id}:endpoint/{name}",
            "RoutingConfig": {
                "FailoverConfig": {
                    "Primary": {"HealthCheck": health_check},
                    "Secondary": {"Route": secondary},
                }
            },
            "ReplicationConfig": {"State": replication},
            "EventBuses": [{"EventBusArn": arn} for arn in arns],
            "EndpointId": endpoint_id,
            "EndpointUrl": f"https://{endpoint_id}.endpoints.event.amazonaws.com",
            "State": "ACTIVE",
        }
        if request.get("RoleArn"):
            endpoint["RoleArn"] = request["RoleArn"]
        endpoints[name] = endpoint
    return dict(endpoint)


def describe_endpoint(backend: Any, name: str) -> dict[str, Any]:
    endpoint = _endpoints(backend).get(name)
    if endpoint is None:
        raise EndpointError("ResourceNotFoundException", f"Endpoint {name} does not exist.")
    return dict(endpoint)


def delete_endpoint(backend: Any, name: str) -> None:
    with _LOCK:
        if _endpoints(backend).pop(name, None) is None:
            raise EndpointError("ResourceNotFoundException", f"Endpoint {name} does not exist.")


def _event_bridge_endpoints() -> None:
    from moto.core.common_models import CloudFormationModel
    from moto.events.models import events_backends
    from moto.events.responses import EventsHandler

    def answer(handler: EventsHandler, work: Any) -> Any:
        try:
            return json.dumps(work()), handler.response_headers
        except EndpointError as error:
            return (
                json.dumps({"__type": error.code, "message": error.message}),
                {"status": error.status},
            )

    def handler_create_endpoint(self: EventsHandler) -> Any:
        def work() -> dict[str, Any]:
            created = create_endpoint(self.events_backend, json.loads(self.body))
            keep = ("Name", "Arn", "RoutingConfig", "ReplicationConfig", "EventBuses", "State")
            return {key: created[key] for key in keep} | (
                {"RoleArn": created["RoleArn"]} if "RoleArn" in created else {}
            )

        return answer(self, work)

    def handler_describe_endpoint(self: EventsHandler) -> Any:
        return answer(self, lambda: describe_endpoint(self.events_backend, self._get_param("Name")))

    def handler_list_endpoints(self: EventsHandler) -> Any:
        prefix = self._get_param("NamePrefix") or ""
        region = self._get_param("HomeRegion")
        endpoints = [
            dict(endpoint)
            for name, endpoint in sorted(_endpoints(self.events_backend).items())
            if name.startswith(prefix) and region in (None, self.events_backend.region_name)
        ]
        return answer(self, lambda: {"Endpoints": endpoints})

    def handler_delete_endpoint(self: EventsHandler) -> Any:
        def work() -> dict[str, Any]:
            delete_endpoint(self.events_backend, self._get_param("Name"))
            return {}

        return answer(self, work)

    EventsHandler.create_endpoint = handler_create_endpoint
    EventsHandler.describe_endpoint = handler_describe_endpoint
    EventsHandler.list_endpoints = handler_list_endpoints
    EventsHandler.delete_endpoint = handler_delete_endpoint

    class EndpointResource(AddedResource, CloudFormationModel):
        # moto's model metaclass files every model under the service named in its module.
        __module__ = "moto.events.models"
        resource_type = "AWS::Events::Endpoint"
        name_property = "Name"

        def __init__(self, account_id: str, region_name: str, description: dict[str, Any]):
            super().__init__(account_id, region_name, description["Name"])
            self.description = description

        @classmethod
        def has_cfn_attr(cls, attr: str) -> bool:
            return attr in ("Arn", "EndpointId", "EndpointUrl", "State")

        def get_cfn_attribute(self, attribute_name: str) -> Any:
            return self.description[attribute_name]

        @classmethod
        def create(
            cls, properties: dict[str, Any], resource_name: str, account_id: str, region_name: str
        ) -> Any:
            request = {"Name": resource_name, **properties}
            backend = events_backends[account_id][region_name]
            return cls(account_id, region_name, create_endpoint(backend, request))

        @classmethod
        def delete_from_cloudformation_json(
            cls,
            resource_name: str,
            cloudformation_json: dict[str, Any],
            account_id: str,
            region_name: str,
        ) -> None:
            backend = events_backends[account_id][region_name]
            name = cloudformation_json.get("Properties", {}).get("Name", resource_name)
            with contextlib.suppress(EndpointError):
                delete_endpoint(backend, name)

        def delete(self, account_id: str, region_name: str) -> None:
            with contextlib.suppress(EndpointError):
                delete_endpoint(events_backends[account_id][region_name], self.physical_resource_id)

    register(EndpointResource)


# --- 2. Route 53 health checks from templates ---------------------------------------------------


def _health_check_configuration_from_templates() -> None:
    from moto.route53.models import HealthCheck, route53_backends
    from moto.utilities.utils import get_partition

    original_create = HealthCheck.create_from_cloudformation_json.__func__
    original_config = HealthCheck.health_check_config.fget

    def create_from_cloudformation_json(
        cls: Any,
        resource_name: str,
        cloudformation_json: Any,
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> HealthCheck:
        health_check = original_create(
            cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
        )
        config = cloudformation_json["Properties"]["HealthCheckConfig"]
        health_check.set_children([str(child) for child in config.get("ChildHealthChecks", [])])
        if config.get("HealthThreshold") is not None:
            health_check.health_threshold = int(config["HealthThreshold"])
        health_check.inverted = bool(config.get("Inverted", False))
        health_check.alarm_identifier = config.get("AlarmIdentifier")
        health_check.insufficient_data_health_status = config.get("InsufficientDataHealthStatus")
        return health_check

    def health_check_config(self: HealthCheck) -> dict[str, Any]:
        config = original_config(self)
        if self.type_ == "CLOUDWATCH_METRIC":
            for key in (
                "IPAddress",
                "Port",
                "RequestInterval",
                "FailureThreshold",
                "MeasureLatency",
            ):
                config.pop(key, None)
            config["AlarmIdentifier"] = getattr(self, "alarm_identifier", None)
            config["InsufficientDataHealthStatus"] = getattr(
                self, "insufficient_data_health_status", None
            )
        return config

    def delete(self: HealthCheck, account_id: str, region_name: str) -> None:
        route53_backends[account_id][get_partition(region_name)].delete_health_check(self.id)

    HealthCheck.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    HealthCheck.delete = delete
    HealthCheck.health_check_config = property(health_check_config)


# --- 3. Global table items ------------------------------------------------------------------------
# deployment_patches.py creates a table's replica (UpdateTable ReplicaUpdates) without its items.
# AWS: "When an application writes data to a replica in one Region, DynamoDB automatically
# replicates the write to all other replicas"
# (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html),
# in the background; concurrent writes to one item are resolved "last writer wins"
# (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables_HowItWorks.html).
# Here, after a PutItem, UpdateItem or DeleteItem (BatchWriteItem's included) on a table with
# replicas succeeds, the item as it now is, or its absence, is copied to every other replica within
# the same request: visible at once, never conflicting. Transactions are not copied (nothing here
# uses them on a replicated table).


def _global_table_items() -> None:
    from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends

    def copy_to_replicas(backend: DynamoDBBackend, table_name: str, key: dict[str, Any]) -> None:
        table = backend.get_table(table_name)
        group = getattr(table, "replication_group", None) or set()
        if len(group) < 2:
            return
        hash_value, range_value = backend.get_keys_value(table, key)
        item = table.get_item(hash_value, range_value)
        for region in sorted(group - {table.region_name}):
            replica = dynamodb_backends[table.account_id][region].tables.get(table.name)
            if replica is None:
                continue
            if item is None:
                replica.delete_item(hash_value, range_value)
            else:
                replica.put_item(json.loads(json.dumps(item.to_json()["Attributes"])))

    def key_of(table: Any, item_attrs: dict[str, Any]) -> dict[str, Any]:
        names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
        return {name: item_attrs[name] for name in names}

    original_put = DynamoDBBackend.put_item
    original_update = DynamoDBBackend.update_item
    original_delete = DynamoDBBackend.delete_item

    def put_item(
        self: DynamoDBBackend,
        table_name: str,
        item_attrs: dict[str, Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        result = original_put(self, table_name, item_attrs, *args, **kwargs)
        copy_to_replicas(self, table_name, key_of(self.get_table(table_name), item_attrs))
        return result

    def update_item(
        self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        result = original_update(self, table_name, key, *args, **kwargs)
        copy_to_replicas(self, table_name, key)
        return result

    def delete_item(
        self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        result = original_delete(self, table_name, key, *args, **kwargs)
        copy_to_replicas(self, table_name, key)
        return result

    DynamoDBBackend.put_item = put_item
    DynamoDBBackend.update_item = update_item
    DynamoDBBackend.delete_item = delete_item
