"""`python -m advisor.domain.catalog_format [--write] fixtures/catalog`: validate a catalog folder."""

from advisor.domain.catalog_format import content_hash, dump_catalog_dir, load_and_validate


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description="Validate a catalog folder; --write rewrites it in canonical form."
    )
    parser.add_argument("path")
    parser.add_argument(
        "--write", action="store_true", help="rewrite the YAML files in canonical form when valid"
    )
    arguments = parser.parse_args(argv)
    document, errors = load_and_validate(arguments.path)
    for error in errors:
        print(error)
    if errors:
        return 1
    if arguments.write:
        dump_catalog_dir(document, arguments.path)
    print(f"{arguments.path}: valid, content hash {content_hash(document)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
