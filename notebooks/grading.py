"""nbgrader's Execute preprocessor, made robust to cells that never finish.

nbgrader interrupts a cell that exceeds `Execute.timeout`. A cell that ignores
the interrupt (a loop that catches KeyboardInterrupt, or SIGINT set to
SIG_IGN) leaves the kernel busy; nbclient then raises, and `nbgrader
autograde` records no grade at all for that student.

`RobustExecute` catches that case for the one cell: it records an error in
the cell (so a graded cell there scores zero), kills and restarts the kernel,
re-runs the code cells that came before it (outputs discarded) so that later
cells find the definitions they need, and carries on. One hanging cell costs
the points of that cell and of whatever depends on it, nothing else. A kernel
that dies (os._exit, a segfault) is handled the same way.
"""

from __future__ import annotations

from typing import Any

from jupyter_client.client import KernelClient
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute

__all__ = ["RobustExecute"]


class RobustExecute(Execute):
    """Execute that survives a cell ignoring the interrupt, or a dead kernel."""

    kc: KernelClient | None  # nbclient's kernel client (nbgrader's Execute has no type information)

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None):
        self._abandoned: set[int] = set()
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int):
        try:
            return super().preprocess_cell(cell, resources, index)
        except (CellTimeoutError, DeadKernelError) as error:
            self.log.warning("Cell %d never finished (%s); restarting the kernel", index, error)
            self._abandoned.add(index)
            cell.outputs.append(_error_output(self.timeout, error))
            self._restart_kernel()
            self._replay(index)
            self.nb["cells"][index] = cell
            return cell, self.resources

    def _restart_kernel(self) -> None:
        # `now=True` kills the process: it ignores polite requests.
        run_sync(self.km.restart_kernel)(now=True)
        if self.kc is not None:
            self.kc.stop_channels()
        self.kc = None
        self.start_new_kernel_client()

    def _replay(self, index: int) -> None:
        """Re-run, silently, the code cells before `index` that did finish."""
        kc = self.kc
        assert kc is not None, "preprocess starts the kernel client before any cell runs"
        for earlier, cell in enumerate(self.nb.cells[:index]):
            if cell.cell_type != "code" or earlier in self._abandoned or not cell.source.strip():
                continue
            msg_id = kc.execute(cell.source, silent=True, store_history=False)
            reply = self.wait_for_reply(msg_id, cell)
            if reply is None:  # this one hangs now too: give up on it as well
                self._abandoned.add(earlier)
                self._restart_kernel()
                self._replay(index)
                return


def _error_output(timeout: int | None, error: Exception) -> NotebookNode:
    if isinstance(error, DeadKernelError):
        message = "The kernel died while running this cell; it was restarted."
    else:
        message = (
            f"This cell did not finish within {timeout} s and ignored the interrupt; "
            "the kernel was restarted and the cells above re-run."
        )
    return NotebookNode(
        output_type="error",
        ename="CellTimeoutError" if not isinstance(error, DeadKernelError) else "DeadKernelError",
        evalue=message,
        traceback=[message],
    )
