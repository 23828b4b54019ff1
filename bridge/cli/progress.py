"""Progress a person can read: on a terminal, a tqdm bar over the sampling steps with its ETA, labelled
with the stage (queued, sampling, decoding, writing, fetching). Scripts and REAPER, whose stderr is not a
terminal, see nothing of it; --quiet and --json show no bar either."""

from __future__ import annotations

import sys


def wants_bar(quiet: bool, stream=None) -> bool:
    """A bar only for a person: not asked to be quiet, and stderr is a terminal."""
    stream = sys.stderr if stream is None else stream
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


class StageBar:
    """A tqdm bar over the sampling steps; its label is the stage the job is in."""

    def __init__(self, stage: str = "sampling", after_sampling: str = "decoding", stream=None):
        from tqdm import tqdm

        self.after_sampling = after_sampling  # the stage that follows the last step

        self.bar = tqdm(total=None, desc=stage, unit="step", file=sys.stderr if stream is None else stream,
                        dynamic_ncols=True, leave=True)

    def step(self, step: int, total: int) -> None:
        """Step ``step`` of ``total`` sampled; after the last one the model decodes (VAE, vocoder)."""
        if self.bar.total != total:
            self.bar.reset(total=total)
            self.stage("sampling")
        self.bar.update(step - self.bar.n)
        if step == total:
            self.stage(self.after_sampling)

    def stage(self, name: str) -> None:
        self.bar.set_description_str(name, refresh=True)

    def write(self, line: str) -> None:
        """A line above the bar (tqdm keeps the bar below it)."""
        self.bar.write(line, file=self.bar.fp)

    def close(self, stage: str | None = None) -> None:
        if stage is not None:
            self.stage(stage)
        self.bar.close()
