"""The shape every CloudFormation resource type the patches add to moto shares.

moto looks a template's resource types up among the direct subclasses of its CloudFormationModel
(moto/cloudformation/parsing.py, get_model_list) and files each model under the service that the
second part of its __module__ names (moto/core/base_backend.py, InstanceTrackerMeta). An added
type is therefore declared in its patch as

    class EndpointResource(AddedResource, CloudFormationModel):
        __module__ = "moto.events.models"

with this mixin first: the mixin is not a model itself and must not subclass CloudFormationModel,
or moto would list it in place of the types that extend it.
"""

from __future__ import annotations

from typing import Any, ClassVar

# The added models, referenced for as long as the process runs.
_MODELS: list[type] = []


class AddedResource:
    """A resource a template creates: its type, the property that names it, its physical id."""

    resource_type: ClassVar[str]
    # The template property that names the resource; "" when the type has none.
    name_property: ClassVar[str] = ""

    def __init__(self, account_id: str, region_name: str, physical_resource_id: str):
        self.account_id = account_id
        self.region_name = region_name
        self.physical_resource_id = physical_resource_id

    @classmethod
    def cloudformation_type(cls) -> str:
        return cls.resource_type

    @classmethod
    def cloudformation_name_type(cls) -> str:
        return cls.name_property

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Any:
        return cls.create(
            cloudformation_json.get("Properties", {}), resource_name, account_id, region_name
        )

    @classmethod
    def create(
        cls, properties: dict[str, Any], resource_name: str, account_id: str, region_name: str
    ) -> AddedResource:
        """Creates the resource the template declares with these properties."""
        raise NotImplementedError(cls.resource_type)


def register(model: type) -> None:
    """Makes a model known to moto's template parser, even after it listed the models once."""
    from moto.cloudformation import parsing

    _MODELS.append(model)
    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()
