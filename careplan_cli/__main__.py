from careplan_cli.launch import main

main()
