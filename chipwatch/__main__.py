from chipwatch.cli import cli

cli()
