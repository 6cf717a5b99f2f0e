import doctest


def check(transcript):
    """Run a >>> transcript as doctest does; return (failed, attempted)."""
    test = doctest.DocTestParser().get_doctest(transcript, {}, "page", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    failed, attempted = runner.run(test, out=lambda report: None)
    return failed, attempted
