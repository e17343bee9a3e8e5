from careplan_cli.cli import main

main()
