"""lesson_order inside sphinx-gallery: a section lists its lessons in its order."""

extensions = ["gallery.lesson_order", "sphinx_gallery.gen_gallery"]
exclude_patterns = ["_build", "examples"]
sphinx_gallery_conf = {
    "examples_dirs": ["examples"],
    "gallery_dirs": ["gallery"],
    "within_subsection_order": "gallery.lesson_order.LessonOrder",
    "plot_gallery": False,  # nothing is run: only the order matters
    "image_scrapers": (),
    "reset_modules": (),
    "write_computation_times": False,
    "download_all_examples": False,
    "notebook_extensions": set(),
}
