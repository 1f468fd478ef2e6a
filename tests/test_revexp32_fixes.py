"""Fixes of the review of exp32 (relevances blown up through a long text)."""

import pytest

_BLOWN = (
    "LRP relevances blew up through the long sequence: {which} of 31 tokens has a relevance of "
    "magnitude 1.53e+08 for a score of 0.6421 (more than 1e+06 times it), amplified step by "
    "step at eps=0.001, so they say little about its tokens; pass {fix}, which keeps long "
    "texts' relevances near the score."
)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_text_predict_explain_numbers_a_blown_up_text_among_all_the_sentences(
    tmp_path, capsys, amplifying_predictor
):
    # "word" alone is positive, the long text negative: explained label by label, the long
    # text was "the text", the only one of its label, though it is the second of two
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    long = "the " + " ".join(["word"] * 30)
    assert main(["text", "predict", str(tmp_path / "m"), "--explain", "word", long]) == 0
    out, err = capsys.readouterr()
    assert "positive" in out and "negative" in out  # two labels, explained in two calls
    blown = [line for line in err.splitlines() if "blew up" in line]
    # named as the command's refusal names it (walk34d: "1 of the 2 texts' ...: text 2")
    which = "sentence 2 (argument text),"
    expected = _BLOWN.format(which=which, fix="--eps 0.1").replace("tokens has", "tokens, has")
    assert blown == ["warning: 1 of the 2 sentences' " + expected]


def test_a_blown_up_text_is_warned_of_at_the_caller_s_line_also_through_explain(
    amplifying_predictor,
):
    # a fixed stacklevel=4 pointed explain()'s warning at sentiment.py's explain_many call,
    # where the "default" filter showed it once for every call of a session
    predictor = amplifying_predictor()
    long = "the " + " ".join(["word"] * 30)
    with pytest.warns(UserWarning) as seen:
        predictor.explain(long)
        predictor.explain_many([long])
    assert [w.filename for w in seen] == [__file__, __file__]
