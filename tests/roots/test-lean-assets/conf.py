"""lean_assets on a page weighed down by sphinx-gallery's assets and Pygments."""

extensions = ["page.lean_assets"]
html_static_path = ["_static"]


def setup(app):
    # what sphinx-gallery adds to every page (see _UNUSED in lean_assets.py)
    for name in (
        "sg_gallery-binder.css",
        "sg_gallery-dataframe.css",
        "sg_gallery-rendered-html.css",
        "sg_gallery.css",
    ):
        app.add_css_file(name)
    app.add_js_file("sg-tags.js")
