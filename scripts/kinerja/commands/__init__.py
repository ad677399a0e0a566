"""One module per subcommand of `kinerja`.

Each module defines `add_parser(subparsers)`, which registers its subcommand and sets
`func(args) -> exit code` as the default. `kinerja.cli` discovers the modules here, so a
new command is a new file: the seam for extending the tool.
"""
