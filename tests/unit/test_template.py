"""template.yaml deploys the schema the code uses, and passes cfn-lint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from dx_emulator.store.items import BaseItem

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form tags (!Ref, !Sub, ...) read as plain values."""


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node))


def template() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(TEMPLATE.read_text(), Loader=_CfnLoader)
    return loaded


def test_table_schema_matches_the_models() -> None:
    table = template()["Resources"]["Table"]["Properties"]
    schema = BaseItem._get_schema()

    def by_name(entries: Any) -> dict[str, Any]:
        return {entry["AttributeName"]: entry for entry in entries}

    assert by_name(table["KeySchema"]) == by_name(schema["key_schema"])
    assert by_name(table["AttributeDefinitions"]) == by_name(schema["attribute_definitions"])
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    [index] = table["GlobalSecondaryIndexes"]
    [model_index] = schema["global_secondary_indexes"]
    assert index["IndexName"] == model_index["index_name"]
    assert by_name(index["KeySchema"]) == by_name(model_index["key_schema"])
    assert index["Projection"] == model_index["projection"]
    assert table["TimeToLiveSpecification"] == {"AttributeName": BaseItem.expires_at.attr_name, "Enabled": True}


def test_function_runs_the_handler_on_python_313() -> None:
    resources = template()["Resources"]
    assert template()["Globals"]["Function"]["Runtime"] == "python3.13"
    function = resources["Function"]["Properties"]
    assert function["Handler"] == "dx_emulator.handler.lambda_handler"
    assert function["Environment"]["Variables"]["DX_EMULATOR_TABLE"] == "Table"
    routes = {(event["Properties"]["Method"], event["Properties"]["Path"]) for event in function["Events"].values()
              if event["Type"] == "HttpApi"}
    assert ("POST", "/") in routes
    assert ("POST", "/service/{service}/operation/{operation}") in routes
    assert ("ANY", "/_dx-emulator/{route}") in routes  # health, reset, state, settings, world, advance, dashboard


def test_idle_accounts_reach_the_function_from_the_tables_stream() -> None:
    """TTL's removals of accounts' records, and nothing else, invoke the function (operations/expiry.py)."""
    resources = template()["Resources"]
    assert resources["Table"]["Properties"]["StreamSpecification"] == {"StreamViewType": "OLD_IMAGE"}
    event = resources["Function"]["Properties"]["Events"]["IdleAccounts"]
    assert event["Type"] == "DynamoDB"
    pattern = json.loads(event["Properties"]["FilterCriteria"]["Filters"][0]["Pattern"])
    assert pattern == {"eventName": ["REMOVE"], "userIdentity": {"principalId": ["dynamodb.amazonaws.com"]},
                       "dynamodb": {"Keys": {"sk": {"S": ["account#account"]}}}}
    variables = resources["Function"]["Properties"]["Environment"]["Variables"]
    assert variables["DX_EMULATOR_IDLE_EXPIRY"] in template()["Parameters"]
    statements = resources["Function"]["Properties"]["Policies"][0]["Statement"][0]["Action"]
    assert "dynamodb:DeleteItem" in statements


def test_cfn_lint_is_clean() -> None:
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run([str(cfn_lint), str(TEMPLATE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_lifecycle_delay_is_a_stack_parameter() -> None:
    """A setting the code reads from the environment that the stack cannot set would hold only on a laptop."""
    from dx_emulator.config import DELAY_VARIABLES

    variables = template()["Resources"]["Function"]["Properties"]["Environment"]["Variables"]
    parameters = template()["Parameters"]
    for variable in DELAY_VARIABLES.values():
        assert variable in variables, variable
        assert variables[variable] in parameters, variable
