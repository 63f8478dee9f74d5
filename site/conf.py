"""Sphinx configuration of the course's static site (`make site`, tools/build_site.py).

tools/build_site.py copies this folder into a staging folder, next to copies of the
executed notebooks (executed/) and an index.md it writes from the README's course
table, and runs Sphinx there. Nothing here executes a notebook or reaches the network:
MathJax is served from the site itself (tools/build_site.py copies it into _static/).
"""

from utils import course

project = "Recurrent Neural Networks with Keras"
author = course.github_slug().split("/")[0]
html_title = project
html_show_copyright = False
language = "en"

extensions = ["myst_nb"]
# The notebooks arrive executed (make results PROFILE=full): show their outputs as saved.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
exclude_patterns = ["**.ipynb_checkpoints"]

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]  # the chapter list on narrow screens (see the file)
html_favicon = "_static/favicon.svg"
# Light or dark as the reader's system says (without it the theme logs an error in the console).
html_context = {"default_mode": "auto"}
html_theme_options = {
    "repository_url": course.REPO_URL,
    "repository_branch": course.BRANCH,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "home_page_in_toc": True,
    "show_toc_level": 2,
}
# MathJax 3 from the site itself: the SVG build is one file and needs no web fonts.
mathjax_path = "mathjax/tex-svg-full.js"
