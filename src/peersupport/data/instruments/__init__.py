"""Self-assessment instruments, one YAML file each, validated when they load."""
