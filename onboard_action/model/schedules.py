"""The project's schedules, read once per run and shared by the schedule rules and the preview.

`Context.schedules` is the `ScheduleSet` below, built on first use so that
every schedule check and the preview read the schedules only once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from onboard_action.findings import Location
from onboard_action.load.project import Item
from onboard_action.load.yamlfile import YMap
from onboard_action.values.cron import Interval, parse_interval
from onboard_action.values.suggest import Suggestions

if TYPE_CHECKING:
    from onboard_action.model.index import ProjectIndex
    from onboard_action.model.onboarding import Onboarding

CLOUD_ANNOTATION = "meltano.cloud"


class Schedule(Struct):
    """One schedule entry, with what every check run asks of each of them read once."""

    item: Item
    interval: Interval | None  # None when `interval` is missing or not a string
    name: str | None
    texts: dict[str, str]  # its keys whose values are non-empty strings
    # (index, name) in `annotations.meltano.cloud.environments`; None when there is no such list.
    cloud_environments: list[tuple[int, str]] | None

    @classmethod
    def of(cls, item: Item) -> Schedule:
        data = item.data if isinstance(item.data, dict) else {}
        value = data.get("interval")
        texts = {key: text for key, text in data.items() if isinstance(text, str) and text}
        return cls(item, parse_interval(value) if isinstance(value, str) else None, item.name, texts,
                   _cloud_environments(data.get("annotations")))

    def text(self, key: str) -> str | None:
        """The value of `key` when it is a non-empty string, else None."""
        return self.texts.get(key)

    @property
    def cron(self) -> str | None:
        """The five fields that run (presets expanded); None when it never runs or is invalid."""
        return self.interval.cron if self.interval is not None else None

    @property
    def legacy(self) -> bool:
        return self.text("extractor") is not None and self.item.get("job") is None

    def name_line(self) -> int:
        """The line of `item.name_location()`, without making a Location (the preview wants only it)."""
        data = self.item.data
        if self.name is not None and isinstance(data, YMap):
            return data.value_line("name")
        return self.item.name_location().line

    def lines(self) -> list[int]:
        """The first and last line of the entry."""
        data = self.item.data
        if isinstance(data, YMap):
            return list(data.lines())
        location = self.item.location()
        return [location.line, location.end_line or location.line]

    def environments_location(self, *index: int) -> Location:
        return self.item.location("annotations", CLOUD_ANNOTATION, "environments", *index)

    def runs_in(self, environment: str) -> bool:
        names = self.cloud_environments
        return names is None or any(name == environment for _, name in names)

    def label(self) -> str:
        return f"schedule {self.name!r}" if self.name else "unnamed schedule"


class ScheduleSet(Struct):
    schedules: list[Schedule]
    by_name: dict[str, list[Schedule]]
    jobs: frozenset[str]
    environments: frozenset[str]
    extractors: frozenset[str]
    loaders: frozenset[str]
    # Names the onboarding file lists for this project, each with where it is written.
    listed: dict[str, list[Location]] = field(default_factory=dict)
    # Shared by the schedule checks of one run: close matches among thousands of names are slow.
    suggestions: Suggestions = field(default_factory=Suggestions)

    def onboarded(self, environment: str) -> list[Schedule]:
        """The schedules Meltano Cloud runs for onboarding: those the onboarding file lists for the
        project, or, when it lists none, every schedule that runs in the onboarding environment."""
        if self.listed:
            return [s for s in self.schedules if s.name in self.listed]
        return [s for s in self.schedules if s.runs_in(environment)]

    def did_you_mean(self, name: str, known: frozenset[str], otherwise: str) -> str:
        """A hint naming the closest known name, else `otherwise`."""
        close = self.suggestions.closest(name, known, lambda: tuple(known))
        return f"did you mean {close!r}?" if close else otherwise


def schedule_set(index: ProjectIndex, onboarding: Onboarding | None) -> ScheduleSet:
    """The project's schedules, and the names they may refer to (from the project's index)."""
    schedules = [Schedule.of(item) for item in index.project.items("schedules")]
    by_name: dict[str, list[Schedule]] = defaultdict(list)
    for schedule in schedules:
        if schedule.name:
            by_name[schedule.name].append(schedule)
    listed: dict[str, list[Location]] = defaultdict(list)
    if onboarding is not None:
        for name, location in onboarding.listed_schedules():
            listed[name].append(location)
    return ScheduleSet(
        schedules=schedules,
        by_name=dict(by_name),
        jobs=frozenset(index.jobs),
        environments=frozenset(index.environments),
        extractors=frozenset(index.by_type.get("extractors", {})),
        loaders=frozenset(index.by_type.get("loaders", {})),
        listed=dict(listed),
    )


def _cloud_environments(annotations: Any) -> list[tuple[int, str]] | None:
    cloud = annotations.get(CLOUD_ANNOTATION) if isinstance(annotations, dict) else None
    names = cloud.get("environments") if isinstance(cloud, dict) else None
    if not isinstance(names, list):
        return None
    return [(i, name) for i, name in enumerate(names) if isinstance(name, str)]
