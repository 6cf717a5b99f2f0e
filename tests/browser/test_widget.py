"""The interactive softmax (docs/assets/softmax-widget.js) in Chromium: every number it shows is
the library's at the precision shown, for the page's logits, after sliders are moved with the
keyboard and numbers typed, and with the elephant preset; its labels speak the page's language;
pages without it stay quiet."""

import numpy as np
import pytest

from snippets import entropy, predict, sigmoid, softmax
from tests.browser.conftest import AXE, sampled, sweep_only

LABELS = {
    "ko": {
        "classes": ["개", "고양이", "오리", "말", "토끼"],
        "logit": "{}의 로짓",
        "number": "{}의 로짓 (숫자)",
        "temperature": "온도 T",
        "count": "클래스 수",
        "elephant": "코끼리 사진",
        "softmax": "소프트맥스",
        "nats": "내트",
        "note": "기준점",
    },
    "en": {
        "classes": ["dog", "cat", "duck", "horse", "rabbit"],
        "logit": "Logit of {}",
        "number": "Logit of {} (number)",
        "temperature": "Temperature T",
        "count": "Number of classes",
        "elephant": "Photo of an elephant",
        "softmax": "softmax",
        "nats": "nats",
        "note": "no fixed zero",
    },
}
PREFIX = {"ko": "", "en": "en/"}
START = {"softmax/": [0.2, 1.5, -2.0], "inference/": [-0.15, -0.87, 1.1]}
ELEPHANT = [-3.1, -2.8, -3.0]  # snippets/sessions/open_set_*.pycon

READ = """root => ({
  rows: [...root.querySelectorAll("tbody tr:not([hidden])")].map(tr => ({
    name: tr.querySelector(".sw-name").textContent,
    softmax: tr.querySelector(".sw-softmax .sw-value").textContent,
    sigmoid: tr.querySelector(".sw-sigmoid .sw-value").textContent,
    argmax: tr.querySelector(".sw-argmax").checkVisibility(),
  })),
  prediction: root.querySelector(".sw-prediction").textContent,
  entropy: root.querySelector(".sw-entropy").textContent,
  sums: root.querySelector(".sw-sums").textContent,
  verdict: root.querySelector(".sw-verdict").textContent,
  note: root.querySelector(".sw-note").textContent,
})"""


def open_widget(page, site_url, lang, path):
    page.goto(site_url + PREFIX[lang] + path)
    widget = page.locator(".softmax-widget[data-ready]")
    assert widget.count() == 1
    return widget


def assert_shows(widget, lang, z, t=1.0):
    """The widget shows softmax(z/T), sigmoid(z/T), argmax and entropy as the library computes."""
    got = widget.evaluate(READ)
    classes = LABELS[lang]["classes"][: len(z)]
    scaled = np.asarray(z, dtype=float) / t
    p, s, best = softmax(scaled), sigmoid(scaled), int(predict(z))
    assert [r["name"] for r in got["rows"]] == classes
    assert [r["softmax"] for r in got["rows"]] == [f"{v:.4f}" for v in p]
    assert [r["sigmoid"] for r in got["rows"]] == [f"{v:.4f}" for v in s]
    assert [r["argmax"] for r in got["rows"]] == [i == best for i in range(len(z))]
    assert classes[best] in got["prediction"]
    words = LABELS[lang]
    assert f"{entropy(p):.4f} {words['nats']}" in got["entropy"]
    assert f"ln {len(z)} = {np.log(len(z)):.4f}" in got["entropy"]
    assert f"{words['softmax']} {p.sum():.4f}" in got["sums"] and f"{s.sum():.4f}" in got["sums"]
    assert words["note"] in got["note"]  # the sigmoid column is captioned (issue 10)
    return got


@sweep_only
@pytest.mark.parametrize(("lang", "path"), [(lang, path) for lang in LABELS for path in START])
def test_the_widget_starts_from_the_page_logits_labelled_in_the_page_language(
    page, site_url, lang, path
):
    widget = open_widget(page, site_url, lang, path)
    z = START[path]
    words = LABELS[lang]
    for name, value in zip(words["classes"], z, strict=False):
        slider = page.get_by_label(words["logit"].format(name), exact=True)
        box = page.get_by_label(words["number"].format(name), exact=True)
        assert float(box.input_value()) == value  # exact
        assert abs(float(slider.input_value()) - value) <= 0.05  # on the slider's 0.1 grid
    assert page.get_by_label(words["temperature"], exact=True).input_value() == "1"
    assert_shows(widget, lang, z)


def test_sliders_move_with_the_keyboard_and_number_fields_take_any_value(page, site_url):
    lang, words = "en", LABELS["en"]
    widget = open_widget(page, site_url, lang, "softmax/")
    z, t = [0.2, 1.5, -2.0], 1.0

    dog = page.get_by_label("Logit of dog", exact=True)
    dog.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # a native range input: 0.1 per step
    z[0] = 0.5
    assert page.get_by_label("Logit of dog (number)", exact=True).input_value() == "0.5"
    assert_shows(widget, lang, z, t)

    page.get_by_label("Logit of duck (number)", exact=True).fill("3.25")
    z[2] = 3.25
    assert_shows(widget, lang, z, t)  # now the duck wins

    page.get_by_label("Temperature T (number)", exact=True).fill("0.4")
    t = 0.4
    assert_shows(widget, lang, z, t)
    temperature = page.get_by_label(words["temperature"], exact=True)
    temperature.focus()
    page.keyboard.press("End")  # the slider's maximum
    t = 5.0
    got = assert_shows(widget, lang, z, t)
    assert [r["argmax"] for r in got["rows"]] == [False, False, True], "T never moves the argmax"

    page.get_by_label(words["count"], exact=True).select_option("5")
    z += [0.0, 0.0]
    assert_shows(widget, lang, z, t)
    page.get_by_label("Logit of horse (number)", exact=True).fill("1000")  # no overflow
    z[3] = 1000.0
    got = assert_shows(widget, lang, z, t)
    assert got["rows"][3]["softmax"] == "1.0000"

    box = page.get_by_label("Temperature T (number)", exact=True)
    box.fill("0")  # not a temperature: refused, the numbers stay
    assert box.get_attribute("aria-invalid") == "true"
    assert_shows(widget, lang, z, t)


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("lang", "path", "size"),
    sampled([("ko", "inference/", PHONE), ("en", "softmax/", None)], [("ko", "inference/", PHONE)]),
)
def test_the_elephant_preset_forces_softmax_to_pick_while_every_sigmoid_stays_low(
    page, site_url, lang, path, size
):

    if size:
        page.set_viewport_size(size)  # the phone layout: the same numbers, one argmax badge
    widget = open_widget(page, site_url, lang, path)
    words = LABELS[lang]
    page.get_by_role("button", name=words["elephant"]).click()
    got = assert_shows(widget, lang, ELEPHANT)
    softmaxes = [float(r["softmax"]) for r in got["rows"]]
    sigmoids = [float(r["sigmoid"]) for r in got["rows"]]
    # softmax still shares out a total of 1 and names a class...
    assert f"{words['softmax']} {1:.4f}" in got["sums"]
    assert sum(r["argmax"] for r in got["rows"]) == 1
    assert words["classes"][1] in got["prediction"]
    assert max(softmaxes) > 1 / 3
    # ...while no sigmoid comes near 0.5: each one says "not this class"
    assert max(sigmoids) < 0.1 and sum(sigmoids) < 0.5
    assert "0.5" in got["verdict"] and words["classes"][1] in got["verdict"]
    for name, value in zip(words["classes"], ELEPHANT, strict=False):
        assert (
            float(page.get_by_label(words["number"].format(name), exact=True).input_value())
            == value
        )


@sweep_only
@pytest.mark.parametrize("path", ["", "notebooks/softmax/", "open-set/"])
def test_pages_without_the_widget_load_its_script_quietly(page, site_url, path):
    page.goto(site_url + path)
    # Material has set up every code block (each <pre> gets an id derived from its cell's)
    page.locator("pre[id^='__code_']").first.wait_for(state="attached")
    assert page.locator("script[src*='softmax-widget.js']").count() == 1
    assert page.locator(".softmax-widget").count() == 0
    # the `page` fixture then asserts: no console error, no request to another host


@sweep_only
def test_the_widget_reads_in_the_dark_scheme(page, site_url):
    """In the dark scheme, axe finds no text in the widget with too little contrast (its preset
    buttons were primary-coloured text on the dark background)."""
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "softmax/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator(".softmax-widget .sw-presets").scroll_into_view_if_needed()
    page.add_script_tag(path=AXE)
    found = page.evaluate(
        """axe.run(".softmax-widget", {runOnly: ["color-contrast"]})
          .then(r => r.violations.flatMap(v => v.nodes.map(n => n.html)))"""
    )
    assert found == []
