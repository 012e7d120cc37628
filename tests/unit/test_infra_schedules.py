"""infra/schedules.json in the merge template: an EventBridge Scheduler schedule per entry, in its
timezone, invoking exactly its function through a role of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infra import schedules
from infra.app_functions import AppResources, discover, lambda_spec
from infra.stage_config import PROJECT_DIR, PackagingError, load_stage_config, load_table_definition
from infra.template import build_merge_template
from tests.unit.test_infra_package import ASL_FILES, app_for

ENTRIES = schedules.load()


def template_for(stage: str, app: AppResources | None = None, entries=ENTRIES) -> dict:
    app = app or app_for(stage, extra=tuple(e.function for e in entries))
    return build_merge_template(load_stage_config(stage), app, load_table_definition(), ASL_FILES, entries)


def test_the_reminders_run_daily_at_four_in_helsinki() -> None:
    (reminders,) = [e for e in ENTRIES if e.function == "event_reminders"]
    assert (reminders.schedule, reminders.timezone) == ("cron(0 16 * * ? *)", "Europe/Helsinki")


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_entry_is_a_schedule_targeting_its_function(stage: str) -> None:
    resources = template_for(stage)["Resources"]
    for entry in ENTRIES:
        schedule = resources[schedules.logical_id(entry)]
        props = schedule["Properties"]
        function = lambda_spec(entry.function, stage)

        assert schedule["Type"] == "AWS::Scheduler::Schedule"
        assert props["Name"] == f"union-portal-{stage}-{entry.function}"
        assert props["ScheduleExpression"] == entry.schedule
        assert props["ScheduleExpressionTimezone"] == entry.timezone
        assert props["FlexibleTimeWindow"] == {"Mode": "OFF"}
        assert props["Target"]["Arn"] == {"Fn::GetAtt": [function.logical_id, "Arn"]}
        assert function.logical_id in resources, "the target is a function of the app"
        assert json.loads(props["Target"]["Input"]) == {"schedule": props["Name"]}


def test_a_schedule_role_may_invoke_exactly_its_function() -> None:
    resources = template_for("prod")["Resources"]
    for entry in ENTRIES:
        base = schedules.logical_id(entry)
        role = resources[resources[base]["Properties"]["Target"]["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
        (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
        (policy,) = role["Policies"]
        (grant,) = policy["PolicyDocument"]["Statement"]
        logical = lambda_spec(entry.function, "prod").logical_id

        assert trust["Principal"] == {"Service": "scheduler.amazonaws.com"}
        assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}
        assert grant["Action"] == ["lambda:InvokeFunction"]
        assert grant["Resource"] == [{"Fn::GetAtt": [logical, "Arn"]}, {"Fn::Sub": f"${{{logical}.Arn}}:*"}]


def test_the_real_app_has_every_scheduled_function() -> None:
    names = {spec.name for spec in discover(PROJECT_DIR, "prod").functions}
    assert {entry.function for entry in ENTRIES} <= names


def test_a_schedule_for_a_function_the_app_lacks_is_refused() -> None:
    ghost = schedules.Schedule("ghost_job", "cron(0 3 * * ? *)", "UTC", "nothing")
    with pytest.raises(PackagingError, match="ghost_job"):
        template_for("prod", app_for("prod"), [ghost])


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ({"function": "f", "schedule": "cron(0 3 * * ? *)", "timezone": "UTC"}, "exactly the keys"),
        ({"function": "f", "schedule": "0 3 * * *", "timezone": "UTC", "description": "d"}, "cron"),
        (
            {"function": "f", "schedule": "cron(0 3 * * ? *)", "timezone": "Europe/Hki", "description": "d"},
            "timezone",
        ),
        (
            {"function": "", "schedule": "cron(0 3 * * ? *)", "timezone": "UTC", "description": "d"},
            "non-empty",
        ),
    ],
)
def test_bad_entries_are_refused(tmp_path: Path, entry: dict, complaint: str) -> None:
    path = tmp_path / "schedules.json"
    path.write_text(json.dumps([entry]))
    with pytest.raises(PackagingError, match=complaint):
        schedules.load(path)
