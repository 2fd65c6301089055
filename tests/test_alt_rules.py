"""Each alt-text rule on its own (alt_rules.py: pure functions over ImageUse)."""

import pytest

from therapy_ties.checks.alt_rules import ImageUse, image_problems, page_problems


def rules(alt, title="A page", max_length=150, **image):
    return [p.rule for p in image_problems(ImageUse(src="x.jpg", alt=alt, line=1, **image), title, max_length)]


@pytest.mark.parametrize("alt, expected", [
    (None, ["alt-missing"]),
    ("", ["alt-empty"]),
    ("   ", ["alt-empty"]),
    ("IMG_1234", ["alt-file-name"]),
    ("DSC_0042.JPG", ["alt-file-name"]),
    ("couple-at-beach.jpg", ["alt-file-name"]),
    ("shutterstock_123456", ["alt-file-name"]),
    ("3f2a9c1be4d5", ["alt-file-name"]),
    ("image", ["alt-placeholder"]),
    ("Picture 1", ["alt-placeholder"]),
    ("spacer", ["alt-placeholder"]),
    ("Photo of a couple walking on the beach", ["alt-redundant-prefix"]),
    ("A couple walking on the beach at sunset", []),
    ("Two men embracing in a kitchen", []),
])
def test_one_image(alt, expected):
    assert rules(alt) == expected


def test_a_missing_file_is_reported_with_the_alt_problems():
    assert rules(None, exists=False) == ["image-missing-file", "alt-missing"]


def test_decorative_and_linked_images():
    assert rules("", decorative=True) == []
    assert rules("A lamp", decorative=True) == ["decorative-alt-not-empty"]
    assert rules("", linked=True) == ["linked-image-empty-alt"]
    assert rules("Book a consultation", linked=True) == []


def test_length_and_repetition():
    assert rules(("Couple " * 22)[:151]) == ["alt-too-long"]
    assert rules(("Couple " * 22)[:150]) == []
    assert rules("A couple talking", caption="A couple talking.") == ["alt-repeats-text"]
    assert rules("A couple talking", nearby_text="a couple  talking") == ["alt-repeats-text"]
    assert rules("When Connection Feels Hard", title="When connection feels hard") == ["alt-repeats-text"]


def test_a_pages_images_together():
    def use(src, alt):
        return ImageUse(src=src, alt=alt, line=1)

    same = [use("a.jpg", "A couple on a couch"), use("b.jpg", "A couple on a couch")]
    assert [(i.src, p.rule) for i, p in page_problems(same, 3, 3)] == [("b.jpg", "alt-duplicate")]
    assert list(page_problems([use("a.jpg", "A couple on a couch")] * 2, 3, 3)) == []  # one image shown twice
    stuffed = [use(f"{n}.jpg", f"Relationship therapy in Los Angeles, picture {n}") for n in "abc"]
    found = [(i.src, p.rule, p.message) for i, p in page_problems(stuffed, 3, 3)]
    assert found == [("c.jpg", "alt-repeated-phrase",
                      "'relationship therapy in los angeles picture' is repeated in the alt text of 3 images")]
    assert list(page_problems(stuffed[:2], 3, 3)) == []
