"""Use cases: one module per command, each a plain function taking plain arguments and
returning a plain result. No typer and no rich here; files, git, cache and configuration are
reached through :mod:`careplan_cli.adapters`, and every change to a plan goes through
:class:`careplan_cli.commands.session.PlanSession`."""
