"""MkDocs hooks: forward each event to ``jamkit.site.build.mkdocs``; no logic lives here."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from jamkit.site.build import mkdocs as site


def on_startup(command: str, dirty: bool) -> None:
    site.on_startup(command, dirty)


def on_config(config: Any) -> Any:
    return site.on_config(config)


def on_files(files: Any, config: Any) -> Any:
    return site.on_files(files, config)


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    return site.on_nav(nav, config, files)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str | None:
    return site.on_page_markdown(markdown, page, config, files)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str | None:
    return site.on_page_content(html, page, config, files)


@event_priority(-100)  # last: jamkit may fork a second process to draw pages, which must see every plugin's setup
def on_env(env: Any, config: Any, files: Any) -> Any:
    return site.on_env(env, config, files)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return site.on_post_page(output, page, config)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return site.on_post_template(output_content, template_name, config)


def on_post_build(config: Any) -> None:
    site.on_post_build(config)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return site.on_serve(server, config, builder)
