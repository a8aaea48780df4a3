"""What one entry says, from its segments: venue tag, title, authors, venue and date, links,
description.

The title is the part the list marks as the title, in this order: a **bold** span; a quoted
title ("…" or “…”); the text of the paper link when nothing else names the work (``[Title](url)``,
or authors before it); else the text before the first link, with trailing authors, venues and
dates split off. Link labels that only name the kind of link ("Paper", "Code", "PDF", "arXiv
2023") are never titles. What is not the title goes to its own field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from enrich.heap import load_cache
from enrich.models import Link
from enrich.parse.inline import Seg, clean_label, squash
from enrich.parse.links import badge_words, is_badge, is_paperish, is_target, site_root
from enrich.parse.venues import (
    BARE_YEAR_RE,
    JOURNAL_WORDS,
    TAG_APOSTROPHE_RE,
    TAG_FULL_YEAR_RE,
    VENUE_NAME_FIRST,
    VENUE_NAME_NEXT,
    date_parts,
    is_publisher,
    is_venue_word,
    looks_like_venue_or_date,
    normalize_venue,
    publisher_and_year,
    read_citation,
    read_journal_volume_year,
    read_reference_container,
    split_venue_tag,
    without_presentation,
)

__all__ = [
    "HAS_YEAR_RE",
    "SENTENCE_WORDS",
    "Reading",
    "cited_short_name",
    "clean_authors",
    "compact",
    "field_label",
    "is_generic_label",
    "long_title_warning",
    "looks_like_authors",
    "looks_like_citation",
    "names_a_work",
    "names_only",
    "names_venue_by_acronym",
    "read_entry",
    "read_links",
    "title_and_tag",
]

# The venue tag opening an entry, read from the plain text: "(EMNLP'24) Title …".
_PLAIN_TAG_RE = re.compile(r"^\s*\(\s*(?P<tag>[^()\[\]\n]{1,100}?)\s*\)")
# In the raw Markdown the tag is emphasised: "(*EMNLP'24*)" -- what tells it from a title that
# merely starts with a parenthesis.
RAW_EMPH_TAG_RE = re.compile(r"^\s*\(\s*[*_]")
# A bracketed tag in front of a title: "[ACL 2024] Title", "【NeurIPS'23】 Title".
_BRACKET_TAG_RE = re.compile(r"^\s*[\[【]\s*(?P<tag>[^\[\]【】\n]{1,60}?)\s*[\]】]")
_TITLE_LEAD = " \t-–—:|,.;"
_TITLE_TRAIL = " \t[(（:|,-–—;"
_LONG_TITLE = 500  # characters; longer means lines ran together
SENTENCE_WORDS = 25  # more words than a title has: a sentence
_BUTTON_WORDS = 4  # a label in brackets this short names a link's kind; longer, a title
_WORK_LABEL_WORDS = 3  # a link label this long may name the work ("Paper", "PDF" do not)
# Link labels that name the kind of link, not the work: never used as a title.
_GENERIC_WORDS = frozenset(
    {
        "paper", "papers", "pdf", "code", "codes", "github", "git", "project", "page", "website",
        "homepage", "home", "demo", "data", "dataset", "datasets", "model", "models", "huggingface",
        "hf", "arxiv", "link", "links", "slides", "slide", "video", "videos", "blog", "doi",
        "poster", "presentation", "bib", "bibtex", "openreview", "abs", "abstract", "html",
        "official", "repo", "repository", "source", "src", "weights", "checkpoint", "checkpoints",
        "benchmark",
        "leaderboard", "here", "url", "web", "site", "talk", "youtube", "colab", "notebook",
        "publication", "preprint", "acl", "anthology", "pytorch", "tensorflow", "jax",
        "implementation", "unofficial", "zhihu", "twitter", "x", "tweet", "summary", "review",
        "supplementary", "appendix", "online", "full", "text", "view", "download", "[pdf]",
        "semantic", "scholar", "pubmed", "springer", "ieee", "acm", "dl", "and", "the", "in",
        "python", "matlab", "keras", "caffe", "torch", "java", "julia", "c++", "reference",
        "references", "chainer", "mxnet", "paddle", "cuda", "lua", "theano", "version",
        "extended", "camera-ready", "journal", "conference",
        # the same, as Chinese, Japanese, Korean and Russian lists write them
        "论文", "代码", "项目", "链接", "主页", "项目主页", "数据集", "模型", "演示",
        "视频", "博客", "知乎", "論文", "コード", "リンク", "プロジェクト",
        "논문", "코드", "링크", "프로젝트",
        "데모", "статья", "статьи", "код", "сайт", "ссылка", "проект", "демо", "видео",
        "слайды", "препринт", "репозиторий",
    }
)  # fmt: skip
# Words a sentence leads into a link with ("see [this](…)", "as described in [x](…)").
# Words of a notice where a field would be: "*Code Coming Soon*", "*Accepted, To Appear*".
_NOTICE_WORDS = frozenset({"soon", "coming", "comming", "available", "released", "release",
                           "tba", "tbd", "todo", "new", "update", "updated", "accepted",
                           "appear", "submitted", "under", "review", "preprint"})  # fmt: skip
_CONNECTORS = frozenset(
    {"see", "in", "at", "from", "by", "of", "the", "and", "or", "our", "this", "here", "cite",
     "via", "on", "to", "with", "a", "an", "is", "are"}
)  # fmt: skip
_WORD_RE = re.compile(r"[\w'’-]+", re.UNICODE)
# Words of paper titles that are nobody's name: "Simple and Controllable Music Generation" and
# "Graph Positional and Structural Encoder" are titles, though each reads as "Name and Name".
# Only words no author is called (no "Deep", "Rich", "Long", "Young", "Cross", "Hope", "To").
_TITLE_WORDS = frozenset(
    {
        "the", "of", "for", "with", "from", "on", "via", "towards", "toward", "beyond", "using",
        "into", "is", "are", "what", "how", "why", "your", "need", "all-in-one", "simple",
        "efficient", "robust", "scalable", "large", "fast", "controllable", "conditional",
        "graph", "graphs", "network", "networks", "neural", "learning", "learner", "learners",
        "model", "models", "modeling", "modelling", "language", "languages", "generation",
        "generative", "generator", "encoder", "encoders", "decoder", "decoders", "transformer",
        "transformers", "attention", "bandit", "bandits", "experts", "mixture", "data",
        "dataset", "datasets", "benchmark", "benchmarks", "vision", "visual", "image", "images",
        "text", "texts", "speech", "audio", "music", "video", "videos", "analysis", "system",
        "systems", "structure", "structures", "structural", "positional", "organization",
        "organisation", "coarsening", "detection", "recognition", "classification",
        "segmentation", "prediction", "forecasting", "retrieval", "reasoning", "planning",
        "search", "optimization", "optimisation", "inference", "training", "adversarial",
        "attack", "attacks", "defense", "defence", "robustness", "interpretability",
        "explanation", "explanations", "knowledge", "memory", "agent", "agents",
        "reinforcement", "policy", "policies", "reward", "control", "representation",
        "representations", "embedding", "embeddings", "semantic", "semantics", "contrastive",
        "supervised", "unsupervised", "self-supervised", "multimodal", "multi-modal", "domain",
        "adaptation", "transfer", "zero-shot", "few-shot", "diffusion", "generalization",
        "generalisation", "evaluation", "survey", "approach", "method", "methods", "framework",
        "frameworks", "algorithm", "algorithms", "theory", "dynamics", "kernel", "kernels",
        "sparse", "dense", "linear", "nonlinear", "convolutional", "recurrent", "temporal",
        "spatial", "sequence", "sequences", "sequential", "series", "question", "questions",
        "answering", "dialogue", "dialog", "translation", "summarization", "summarisation",
        "medical", "clinical", "health", "mental", "molecular", "protein", "proteins",
        "chemical", "physics", "simulation", "compression", "pruning", "quantization",
        "distillation", "federated", "privacy", "fairness", "causal", "causality",
        "probabilistic", "bayesian", "stochastic", "gradient", "gradients", "descent", "loss",
        "regularization", "estimation", "sampling", "tokens", "prompt", "prompts", "prompting",
        "tuning", "fine-tuning", "instruction", "instructions", "alignment", "feedback",
        "preference", "preferences", "thought", "thoughts", "factorization", "recommendation",
        "recommender", "ranking", "clustering", "encoding", "pooling", "message", "passing",
        "spectral", "geometric", "equivariant", "invariant", "hierarchical", "heterogeneous",
        "dynamic", "interpolating", "multi-armed", "relaxation-based", "multiscale",
        "multi-scale", "large-scale", "pre-trained", "pretrained", "pre-training", "pretraining",
        "detector", "classifier", "classifiers", "tasks", "task", "multi-task", "multitask",
        "vs", "versus", "improving", "understanding", "rethinking", "revisiting", "exploring",
        "localization", "localisation", "mapping", "navigation", "tracking", "manipulation",
        "grasping", "perception", "locomotion", "exploration", "synthesis", "reconstruction",
        "rendering", "captioning", "matching", "registration", "completion", "discovery",
        "simultaneous", "driven", "odometry", "editing", "generalist", "agentic",
    }
)  # fmt: skip
# "**Authors:** …", "Code: …", "- TL;DR: …": a field of the entry above, not an entry.
_FIELD_LABEL_RE = re.compile(
    r"^\s*(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]\ufe0f?\s*)?"  # "💡 Motivation:"
    # "Code", "代码", "저자", "コード"
    r"(?P<key>[A-Za-z\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af][\w .;/&'()（）-]{0,30}?)"
    r"\s*(?P<sep>[:：]|;(?=\s*$))\s*"  # ":", or ";" right before the field's link
)
FIELD_KEYS = {
    "authors": "authors", "author": "authors", "by": "authors",
    "venue": "venue", "conference": "venue", "journal": "venue", "published": "venue",
    "publisher": "venue", "journal info": "venue", "publication info": "venue",
    "published at": "venue", "appeared in": "venue",
    "published in": "venue", "publication": "venue", "source": "venue", "booktitle": "venue",
    "year": "date", "date": "date", "time": "date", "release date": "date",
    "paper": "link", "pdf": "link", "arxiv": "link", "code": "link", "github": "link",
    "project": "link", "project page": "link", "website": "link", "homepage": "link",
    "data": "link", "dataset": "link", "demo": "link", "link": "link", "links": "link",
    "url": "link", "doi": "link", "openreview": "link", "blog": "link", "slides": "link",
    "video": "link", "model": "link", "models": "link", "resources": "link", "repo": "link",
    "doc": "link", "docs": "link", "documentation": "link", "huggingface": "link",
    "hugging face": "link",
    # Lists written in Chinese label their fields so: paper, code, project, homepage, data.
    "论文": "link", "代码": "link", "项目": "link", "主页": "link", "数据集": "link",
    "作者": "authors", "链接": "link", "地址": "link", "论文地址": "link", "论文链接": "link",
    "代码地址": "link", "代码链接": "link", "项目地址": "link", "项目主页": "link",
    "原文": "link", "原文链接": "link",
    "笔记": "link", "阅读笔记": "link", "博客": "link",  # notes on the paper, a blog post
    "开源代码": "link", "源码": "link", "是否有开源代码": "link",  # "(is there) open code"
    # … and in Korean and Japanese: authors, venue, conference/journal, year, paper, code
    "저자": "authors", "학회": "venue", "저널": "venue", "학회/저널": "venue", "게재": "venue",
    "연도": "date", "논문": "link", "코드": "link", "著者": "authors", "会議": "venue",
    "論文": "link", "コード": "link",
    # … and where and when it was published
    "发表于": "venue", "发表在": "venue", "会议": "venue", "期刊": "venue", "出处": "venue",
    "来源": "venue", "发表时间": "date", "发表年份": "date", "年份": "date", "时间": "date",
    "日期": "date",
}  # fmt: skip
# Keys that are fields when written plainly ("Method: …"), as well as when bold.
_PLAIN_FIELD_KEYS = frozenset(FIELD_KEYS) | frozenset(
    {
        "tl;dr", "tldr", "summary", "abstract", "description", "method", "methods", "task",
        "tasks", "keyword", "keywords", "tags", "note", "notes", "contribution", "contributions",
        "results", "highlights", "organization", "institution", "affiliation", "topic",
        "category", "type", "modality", "language", "languages", "metrics", "setting",
        "comments", "comment", "datasets", "benchmarks", "findings", "idea",
        "解读", "简介", "摘要", "概述", "标签", "关键词", "相关数据集",  # overview, tags, …
    }
)  # fmt: skip
# One author: capitalised words and initials ("J. R. R. Tolkien", "Ana-María López", "van Dijk").
_INITIAL_WORD_RE = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*")  # "A.", "J.-P."
_PARTICLES = r"(?:(?:van|von|de|der|den|del|da|di|du|dos|das|le|la|ter|ten)\s+){0,2}"
_CAP = "A-ZÀ-ÖØ-ÞĀ-ž"  # a name's first letter: "Škrjanec", "Żelazowska", "Łukasz" too
_NAME = rf"{_PARTICLES}[{_CAP}][\w'’.\-]*(?:\s+{_PARTICLES}[{_CAP}][\w'’.\-]*){{0,3}}"
_ONE_NAME_RE = re.compile(rf"(?=\S+\s+\S){_NAME}")  # "David Chiang": two words at least
# "Doe et al. 2017", "Roe and Poe 1981", "Perelson (2002)": surnames, then the year.
_SURNAME = rf"[{_CAP}][\w'’\-]+"
_AUTHOR_YEAR_RE = re.compile(
    rf"(?P<authors>{_SURNAME}(?:(?:,| and| &) {_SURNAME})*(?: et al\.?)?),? \(?"
    r"(?P<year>(?:19|20)\d{2})[a-z]?\)?"
)
_ET_AL_LABEL_RE = re.compile(rf"{_SURNAME}(?: (?:and|&) {_SURNAME})? et al\.?")
_LABEL_YEAR_RE = re.compile(r"(?P<title>.+?\w[?!.]?)\s*\((?P<year>(?:19|20)\d{2})\)")
# An arXiv id in brackets before a title, as arXiv's pages are named: "[2103.00814] Title".
_ARXIV_ID_LEAD_RE = re.compile(r"^\[\d{4}\.\d{4,5}(?:v\d+)?\]\s+(?=\S)")
_LABEL_CITATION_RE = re.compile(r"(?P<title>.+?\w)\s*\((?P<cite>[^()]+?)\)")
_INVERTED_NAME_RE = re.compile(rf"[{_CAP}][\w'’-]+, [{_CAP}][\w'’.-]*(?: [{_CAP}][\w'’.-]*)?")
_AUTHORS_RE = re.compile(
    rf"^(?:by\s+)?{_NAME}(?:\s*(?:,|;|\band\b|&)\s*(?:(?:and|&)\s+)?{_NAME})*(?:,?\s*et\s+al\.?)?$"
)
_NAME_LOWER_WORDS = frozenset({"and", "et", "al", "al.", "by", "van", "von", "de", "der", "del",
                               "da", "di", "le", "la", "den", "du", "dos", "das", "ter", "ten",
                               "others"})  # fmt: skip
_APA_NAME = rf"[{_CAP}][\w'’\-]+(?: [{_CAP}][\w'’\-]+)?, (?:[A-Z]\.[ -]?){{0,2}}[A-Z]\.?"
_APA_AUTHORS_RE = re.compile(
    rf"{_APA_NAME}(?:,? (?:&|and) {_APA_NAME}|, {_APA_NAME})*(?:,? (?:&|and) {_APA_NAME}|"
    r",? et al\.?)?"
)
_BIBTEX_NAME = rf"[{_CAP}][\w'’\-]+, [{_CAP}][\w'’.\-]*(?: [{_CAP}][\w'’.\-]*)?"
_BIBTEX_AUTHORS_RE = re.compile(  # two names at least: "Paris, France" is one place
    rf"{_BIBTEX_NAME}(?: and {_BIBTEX_NAME})+(?: and others)?|{_BIBTEX_NAME} and others"
)
# "Lee*", "Lee†", "Lee/*", "Lee/," (equal contribution, contact), as lists mark them
_AUTHOR_MARK_RE = re.compile(r"(?<=\w)(?:/?[*∗†‡§])+|(?<=\w)/(?=\s*(?:[,;]|$))")
_EMPTY_NAME_RE = re.compile(r",\s*(?=,)")  # "Bo Chen, , Cy Dong": a name left out
_HYPHENS = str.maketrans("\u2010\u2011", "--")  # the hyphens a typesetter puts in names
# "Shoule Wu1, Ziqiang Shi2": an affiliation's number after a name
_AFFILIATION_MARK_RE = re.compile(r"(?<=[^\W\d_])\d{1,2}(?=\s*(?:[,;]|\band\b|$))")
# "Joon Sung Park (Stanford)"; not "(2017)" ("Wasserstein GAN (2017), M. Arjovsky et al." is a
# title, a year and authors)
_TRAILING_YEAR_RE = re.compile(r"\s*\((?:19|20)\d{2}[a-z]?\)\W*$")
# "(Stanford)", "(University of Widgets (UW))": one level of nesting, as an acronym is written
_AFFILIATION_RE = re.compile(r"\s*\((?!\s*(?:19|20)\d{2}\s*\))(?:[^()]|\([^()]{1,20}\)){1,60}\)")
_QUOTED_RE = re.compile(r"[\"“”](?P<title>[^\"“”]{8,}?)[\"“”]")
# The kind of work GB/T 7714 (China's reference standard, Google Scholar's Chinese "Cite")
# writes after a title: [J] journal, [C] proceedings, [M] book, [D] thesis, [EB/OL] web…
_GBT_TYPE = r"\[(?:[JCMDRANPSZ]|EB|DB|CP)(?:/OL)?\](?://|\.)?\s*"
_GBT_TYPE_RE = re.compile(r"(?<=\S)" + _GBT_TYPE)  # glued to the title before it
_GBT_TYPE_FIRST_RE = re.compile(r"\s*" + _GBT_TYPE)  # "**Title**[C]//Proceedings of …"
_PIECE_SPLIT_RE = re.compile(
    r"(?<!\b[A-Z])(?<!\bvs)\.\s+(?=[A-Za-z0-9(\[*\"“])"  # not after an initial or "vs."
    r"|\s+[-–—|·•]\s+|\s*[(（]\s*(?=[^()（）]*[)）]\W*$)"  # "Authors · *Nature* · 2026-06-17"
    r"|\s*\n\s*"  # a paragraph or a line of its own (a hard break)
    r"|(?<=\bet al),\s+|(?<=\bet al\.),\s+"  # "Mildenhall et al., ECCV 2020"
    r"|\s*(?=\([12][09]\d\d\),)|(?<=\([12][09]\d\d\)),\s*"  # "Title (2014), D. Kingma …"
)
# Where authors start without a separator: "… in real time Corey Lynch et al. IEEE(RAL)".
_ET_AL_START_RE = re.compile(
    r"(?<![,\s])\s+(?=(?:[A-ZÀ-Þ][\w'’.-]*\s+){1,2}(?:\([^()]{1,60}\)\s+)?et\s+al\b)"
)
# … the same after a mark that parts fields ("·", "|", "-"): a name of up to four words.
_ET_AL_AFTER_MARK_RE = re.compile(
    r"(?<=[·•|–—-])\s+(?=(?:[A-ZÀ-Þ][\w'’.-]*\s+){1,4}(?:\([^()]{1,60}\)\s+)?et\s+al\b)"
)
_PARTICLE_BEFORE_RE = re.compile(r"(?:^|\s)(?:van|von|de|der|den|del|da|di|du|dos|das|ter|ten)$")
_BY_RE = re.compile(r"^[Bb]y\s+")
_INITIAL_BEFORE_RE = re.compile(r"\b[A-Z]\.$")
# "… by Helen M." before "Crane et al": the author list starts at "by"
_BY_NAMES_RE = re.compile(r"\bby(?:\s+[A-ZÀ-Þ][\w'’.-]*){1,3}$")
_KEY_REMARK_RE = re.compile(r"\s*[（(][^（()）]*[)）]")
_ACRONYM_WORD_RE = re.compile(r"(?!I{2,3}$|IV$|VI{1,3}$)[A-Z]{3,}")  # not "Hal Daumé III"
_MAY_SPLIT_RE = re.compile(r"\.\s|\s[-–—|·•]\s|[(（]|et al|\]")  # what _pieces cuts at
# "A survey of widgets, 2023.11": the title's date after a comma, at the end
_TITLE_COMMA_DATE_RE = re.compile(
    r"(?P<title>.*\S),\s+(?P<date>(?:19|20)\d{2}(?:[.,/-]\d{1,2})?)\s*"
)
# "Vaswani, Noam| Shazeer et al", ", Ada Mae| Ruiz et al", "Yupeng Chang and| Xu Wang et al",
# "Somak Aditya and Aalok| Sathe et al": inside one author list (not "… to see and act| Corey")
_IN_AUTHOR_LIST_RE = re.compile(
    r",\s*(?:\S+\s+){0,2}\S+$|(?:\band|&)(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}\s*$"
)
# A venue and year heading the text: "ICLR 2023, Title", "CVPR 2023 highlight: Title".
_LEADING_VENUE_RE = re.compile(r"^\s*(?P<tag>[^,:;()\[\]]{2,40}?)\s*[,:;]\s+(?=\S)")
_ACRONYM_RE = re.compile(r"(?:[A-Z][A-Z0-9&-]{1,9})(?:\s+[A-Z][A-Z0-9&-]{1,9}){0,2}")
_YEAR_TAG_RE = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|['’]\d{2})(?!\d)")  # "2017", "'17"
HAS_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a four-digit year, alone
# Authors as PubMed (Vancouver) writes them, surname and initials with no dots, two at least:
# "Smith J, Doe AB, et al. Title.", "Bandara W G C, Patel V M. Title." (initials spaced)
_VANCOUVER_INITIALS = r"(?:[A-Z]{1,3}|[A-Z](?: [A-Z]){1,2})"
_VANCOUVER_NAME = rf"[{_CAP}][\w'’-]+(?:[ -][{_CAP}][\w'’-]+)? {_VANCOUVER_INITIALS}"
_VANCOUVER_AUTHORS_RE = re.compile(
    rf"(?P<authors>{_VANCOUVER_NAME}(?:, {_VANCOUVER_NAME})*(?:, {_VANCOUVER_NAME}|, et al))"
    r"\.\s+(?=\S)"
)
_NAME_GOES_ON_RE = re.compile(rf"[{_CAP}][\w'’-]+, [{_CAP}]")  # "Shastry, Manoj …"
# "Love, M.I., Huber, W. & Anders, S. Title.", as Nature's journals cite: surnames, then their
# initials; the last initial's full stop ends the list.
_INITIALS = r"[A-Z]\.(?:[ -]?[A-Z]\.)*"
_NATURE_NAME = rf"[{_CAP}][\w'’-]+(?: [{_CAP}][\w'’-]+)?, {_INITIALS}"
_NATURE_AUTHORS_RE = re.compile(
    rf"(?P<authors>{_NATURE_NAME}(?:,? {_NATURE_NAME})*(?:,? (?:&|and) {_NATURE_NAME})?"
    rf"(?: et al\.)?)\s+(?![A-Z]\.)(?=[{_CAP}0-9])"  # not "Hagger, M. S., …" (APA's initials)
)
# A journal's abbreviated words, cut from the rest of its name at their full stops: "Geophys",
# "Chinese Sci", "Earth Planet".
_ABBREVIATION_RE = re.compile(r"[A-Z][a-z]{0,9}\.?(?: [A-Z][a-z]{0,9}\.?){0,3}")
_ABBREVIATED_WORD = r"[A-Z][a-z]{0,11}(?:-[A-Z][a-z]{0,9})?\.?"  # "Geophys.", "User-Adapt."
# An acronym inside the name ("Proc. DAGM German Conf. …"), not at its end: "Daniel D. Johnson.
# ICLR 2017" is a person, then a venue.
# A journal named by an abbreviation, then its words, then the year: "Nat. Methods 2019", "Nat.
# Reviews Genetics 2018", "Sci. Rep. 2020" (GB/T and PubMed lists)
_ABBREVIATION_LED_RE = re.compile(
    r"(?:[A-Z][a-z]{1,4}\. )(?=\S+ \S)(?![A-Z]{2,}\b)(?:[A-Z][a-z]{1,4}\. ){0,2}"
    r"(?:[A-Z][\w&-]*\.? ){0,2}(?:[A-Z][\w&-]*\.?,? )?(?:19|20)\d{2}"
)  # (not "Diss. 2016", one word; not "Mimic. CVPR 2017", a nickname before a venue;
#   "Front. Big Data, 2021": a comma may part the name from its year)
_ABBREVIATED_JOURNAL_RE = re.compile(
    rf"(?:(?:{_ABBREVIATED_WORD}|[A-Z]{{2,6}}) ){{1,5}}{_ABBREVIATED_WORD},? \(?\d"
)
# The full stop a reference puts after its title ("Title. ACL 2023"), not the title's own
# ("… et al.", "Inc.", an initial).
_QUOTE_MARKS = frozenset('"“”')
_LEADING_NICKNAME_RE = re.compile(r"^\s*[(\[][^()\[\]\s]{1,20}[)\]]\s+")  # "(MADDPG) "
# The full stop that ends a sentence, not an abbreviation's: after a small letter, a digit, a
# bracket or a quote, or an acronym ("… over BERT."), not "et al.", "etc.", "vs.", "Inc.".
_REFERENCE_STOP_RE = re.compile(
    r"(?:(?<=[a-z0-9)\]\"”’'])|(?<=\b[A-Z]{2})|(?<=\b[A-Z]{3})|(?<=\b[A-Z]{4})|(?<=[A-Z]{5}))"
    r"(?<!\bal)(?<!\betc)(?<!\bvs)(?<!\bInc)\.$"
)
_YEAR_AT_LABEL_END_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}\D{0,4}$")
# Surnames alone, as a list with fields parted by tabs writes its authors.
_SURNAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
_SURNAMES_RE = re.compile(rf"{_SURNAME}(?:, {_SURNAME})+")
# "**(GraphCast)** _Graphcast: …_": the list's name for the work, bold, in parentheses
_BOLD_NICKNAME_RE = re.compile(r"\s*\((?P<nick>[^()\n]{1,40})\)\s*(?=\S+\s+\S)")
# "[Faster R-CNN, RPN] Faster R-CNN: Towards …": a bracketed alias before a title of two words
# or more (a dated tag, "[ACL 2024]", is read before as the venue); "[scASDC] scASDC:Attention
# …": an alias in small letters the title repeats.
_NICKNAME_RE = re.compile(
    r"\s*[\[【](?P<nick>[^\[\]【】\n]{1,40})[\]】]\s*(?=[^\sa-z]\S*\s+\S|(?P=nick)\W)"
)
# Where a paper stands, not what it is called: "**Under Review**" set apart as a venue would be.
_STATUS_RE = re.compile(
    r"(?i)under (?:review|submission)|submitted|in press|to appear|accepted|forthcoming|"
    r"in preparation|work in progress"
)
_STATUS_IN_PARENTHESES_RE = re.compile(
    rf"\s*\((?:{_STATUS_RE.pattern.removeprefix('(?i)')})\)", re.I
)  # "INTERSPEECH2020 (submitted)": where it stands, after the venue
# "### 12. [Title](…)": the list's own numbering before the link, not a title.
_ORDINAL_RE = re.compile(r"\(?\d{1,3}[.)]")
# "Shyong K Lam and John Riedl. 2004. Title. In Proceedings of …": the ACM's reference format;
# "Smith, A., & Jones, B. (2021, May). Title. In …": APA's.
_ACM_REFERENCE_RE = re.compile(
    rf"[{_CAP}][^()]{{2,300}}?(?:\. (?:19|20)\d{{2}}[a-z]?\.|"
    rf" \((?:19|20)\d{{2}}[a-z]?(?:, [^()]{{1,20}})?\)\.) [{_CAP}0-9\"“]"
)
# "(IFAC Control Engineering Practice 2024)" after a title: a capitalised name and its year.
# Commas may part its words when one parts the year too ("Computers, Environment and Urban
# Systems, 2022"; not "Dellaert and Yen-Chen, Arxiv 2020": authors, then a venue).
_NAMED_VENUE_YEAR_RE = re.compile(
    rf"{VENUE_NAME_FIRST}{VENUE_NAME_NEXT}{{0,7}},? (?:19|20)\d{{2}}"
    rf"|{VENUE_NAME_FIRST}(?:,?{VENUE_NAME_NEXT}){{0,7}}, (?:19|20)\d{{2}}"
)
_YEAR_AT_END_RE = re.compile(r"\(?(?P<year>(?:19|20)\d{2})\)?\.?$")
_ACRONYM_IN_PARENTHESES_RE = re.compile(r"\(([A-Z][A-Za-z]*[A-Z][A-Za-z-]*)\)")  # "(ICML)"
# "Knowledge-Based Systems 230", "Transactions on Emerging Telecommunications Technologies 32, 6":
# a journal's name and its volume (and issue), before "(2021)" in the ACM's reference format.
_JOURNAL_VOLUME_RE = re.compile(
    r"[A-Z][\w&.:-]*(?: (?:[A-Z(][\w&.:()-]*|of|on|and|in|for|the)){0,9} \d{1,4}(?:, \d{1,4})?"
)
# "In Proceedings of the 13th …", "In Advances in Neural …", "In ICML": where a reference appeared.
_PROCEEDINGS_RE = re.compile(
    r"(?:In (?:[A-Z]{2,}\b|(?=[A-Z0-9])[^.]*?\b(?:Proceedings|Proc|Conference|Workshop|"
    r"Symposium|Congress|Meeting|Advances|Findings)\b)|Advances in [A-Z])"
)
# "393–402", "pp. 1-9", "pp" cut from its numbers, an article's number ("107390", "e3872")
_PAGES_RE = re.compile(r"pp?\.?|(?:pp?\.? ?)?\d{1,5} ?[-–] ?\d{1,5}|e?\d{3,7}")
# Labels of the list's news, before a colon: "**Update**: our survey was accepted".
_NEWS_KEYS = frozenset({"update", "updates", "news", "note", "notes", "announcement", "new",
                        "todo", "tip", "tips", "hint", "warning", "important"})  # fmt: skip
# After "**Name**:", sentences that describe the work rather than a subtitle: lower case first,
# and a full stop then a capital.
_DESCRIBES_RE = re.compile(r"\s*[a-z][^.]*\.\s+[A-Z]")
_SHORTCODES_RE = re.compile(r"\[?(?::[a-z0-9_+-]+:\s*)+\]?")
_SHORTCODE_IN_TEXT_RE = re.compile(r"(?<![\w:]):[a-z][a-z0-9_+-]*_[a-z0-9_+-]*:(?![\w:])")
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
_DIGIT_LED_VENUE_RE = re.compile(r"\[?\d[A-Z]{1,9}(?:19|20)\d{2}\]?")
_CHECKBOX_RE = re.compile(r"^\s*\[[ xX]\]\s+")
# A bullet drawn by hand before a heading's or an item's text ("##### • Title", "- ► Title")
_GLYPHS = frozenset("•‣▪▫►▸▹➤➢➣◆◇◈●○■□▶→⇒※")
_GLYPH_RE = re.compile(rf"^\s*[{''.join(sorted(_GLYPHS))}]+\s*")
# Text before a link that is only tags: "(ORCA-DD)", "[WIREs'2017]", "**[MBIE]** <", "<".
_WRAPPED_RE = re.compile(r"[\[(（【{<‹][^\[\]()（）【】{}<>‹›]*[\])）】}>›]")
# "1.", "[1]"; "*2. (CVPR 2025) Title" in a paragraph (a list item whose marker was mistyped).
_ORDINAL_PREFIX_RE = re.compile(r"^\s*\*?(?:\(?\d{1,3}[.)]|\[\d{1,3}\])\s+(?=\S)")


@dataclass(slots=True)
class Reading:
    """What one entry says: tag, title, fields, links, and what had to be repaired."""

    venue_tag: str | None
    title: str
    links: list[Link]
    authors: str | None = None
    venue: str | None = None  # a venue named outside a tag ("ACL 2023", a Venue column)
    year: int | None = None
    month: int | None = None
    description: str | None = None
    # What fields add to the description, joined once when the entry is built (a list with
    # thousands of description lines under one entry must not copy the text each time).
    more_description: list[str] = field(default_factory=list)
    field_key: str | None = None  # the item is a field ("Code: …"): its key, lower case
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    only_images: bool = False
    title_marked: bool = False  # the list marked the title (bold, quotes, the link's text)
    title_labelled: bool = False  # "**Title:** [T](…)": the fields below are this entry's
    news: bool = False  # "**Update**: …": the list's news, no entry's field

    @property
    def title_reads_as_title(self) -> bool:
        """A marked title, or unmarked text that is not the start of a sentence ("See")."""
        if self.title_marked:
            return True
        words = self.title.split()
        return len(words) >= 2 and words[-1].lower().strip(".,:;") not in _CONNECTORS

    def full_description(self) -> str | None:
        parts = [p for p in (self.description, *self.more_description) if p]
        return " ".join(parts) if parts else None

    def absorb(self, other: Reading) -> None:
        """Take what a field (a sub-bullet, a line under a heading) adds to this entry."""
        self.links.extend(other.links)
        self.warnings.extend(other.warnings)
        if name := cited_short_name(self, other):
            # "* PVANET [[Paper]](…)" over "  * Kim, Hong, Roh, PVANET: Deep but Lightweight
            # …, arXiv:1608.08021": the citation under the short name names the paper
            title, authors = other.title, other.authors
            if authors and authors.endswith(f", {name}"):  # "…, Ross Girshick, Inside-Outside
                authors = authors[: -len(name) - 2]  # Net: Detecting …": the name leads it
                title = f"{name}: {title}"
            self.description = " ".join(filter(None, (self.title or self.authors,
                                                      self.description)))  # fmt: skip
            self.title, self.title_marked, self.authors = title, True, authors
            if other.venue and not self.venue and not self.venue_tag:
                self.venue = other.venue
            if other.year is not None and self.year is None:
                self.year, self.month = other.year, other.month
            return
        own = _own_reference(self.title, other) if not other.field_key else None
        if own is not None:
            # "* Title [[Paper]](…)" over "  * Ann Lee, Bo Chen, Title, CVPR, 2015.": the
            # entry's own reference, its fields the entry's
            authors, remark = own
            if remark:  # "* Fast R-CNN, Microsoft Research" over "  * Ross Girshick, Fast
                self.title = self.title[: -len(remark) - 2]  # R-CNN, arXiv:…": who made it
                self.description = _join(remark, self.description)
            self.authors = self.authors or authors
            if other.venue and not self.venue and not self.venue_tag:
                self.venue = other.venue
            if other.year is not None and self.year is None:
                self.year, self.month = other.year, other.month
            return
        key = FIELD_KEYS.get(other.field_key or "")
        value = other.title if other.field_key else ""
        if " - " in value and (run_on := _RUN_ON_FIELD_RE.split(value))[1:]:
            # "**Authors**: Ann Lee - **Year**: 2020 - **DOI**: […]": fields GitHub runs into
            # one line (a sub-bullet indented too far is the line above's text)
            value = run_on[0]
            for k in range(1, len(run_on) - 1, 2):
                rest = run_on[k + 1].partition(":")[2].strip()
                self.absorb(Reading(None, rest, [], field_key=run_on[k].lower()))
        if key == "authors" and value and not self.authors:
            dated = _DATE_IN_PARENTHESES_END_RE.search(value)
            year, month = date_parts(dated["date"]) if dated else (None, None)
            if dated is not None and year is not None:  # "Authors: Ann Lee and Bo Chen (3/2017)."
                value = value[: dated.start()].rstrip(" ,;")
                if value.endswith(".") and not _INITIAL_END_RE.search(value):
                    value = value[:-1]  # the full stop before the date, not an initial's
                self.year, self.month = (self.year, self.month) if self.year else (year, month)
            self.authors = value
        elif key == "venue" and value and not self.venue:
            self.venue, self.year = _venue_and_year(value, self.year)
        elif key == "date" and value and self.year is None:
            self.year, self.month = date_parts(value)
        elif key is None and not other.links and other.year is not None and (
            (cited := _cites_venue(other, linked=bool(self.links), under_title=bool(self.title)))
            is not None
        ):
            # "* Communications of the ACM, 1995" under the entry: its venue, unlabelled; and
            # "* Zhao, Shuai and Wang, Huai, ***IEEE Transactions on Power Electronics***, 2020"
            authors, venue, rest = cited
            if rest:
                self.more_description.append(rest)
            if not self.venue and not self.venue_tag:
                self.venue = venue
            self.year, self.month = (self.year, self.month) if self.year else (other.year, None)
            if authors and not self.authors:
                self.authors = authors
            if not self.authors and self.more_description and _one_name(self.more_description[-1]):
                self.authors = self.more_description.pop()  # "* Douglas B. Lenat" just above
            return
        elif key != "link" or not other.links:  # "Data: GSM8K" names no link: it describes
            text = value or other.full_description() or other.title
            if other.field_key and text:
                text = f"{other.field_key.capitalize()}: {text}"
            if text:
                self.more_description.append(text)
        if other.authors and not self.authors:
            self.authors = other.authors
        if not other.field_key and not other.title:  # a line that is only "ICLR 2020"
            if other.venue and not self.venue and not self.venue_tag:
                self.venue = other.venue
            if other.year is not None and self.year is None:
                self.year, self.month = other.year, other.month


def _own_reference(title: str, line: Reading) -> tuple[str | None, str] | None:
    """(its authors, the entry title's remark) when ``line``, under an entry titled ``title``,
    is that paper's reference: its title the entry's ("Ann Lee, Bo Chen, Title" read as one
    title, the names before it; "Title" with its authors apart), or the entry's title before a
    remark after a comma ("Fast R-CNN" of "Fast R-CNN, Microsoft Research"). None for another
    line."""
    if not title or not line.title:
        return None
    whole = compact(line.title)
    for name, remark in ((title, ""), title.rpartition(", ")[::2]):
        own = compact(name)
        if not own or (remark and (not line.authors and ", " not in line.title)):
            continue  # a remark is cut only where the reference names its people too
        if whole == own:
            return line.authors, remark
        if not whole.endswith(own):
            continue  # (decided once per line: the commas below are walked only for a match)
        head, comma, _ = line.title.rpartition(", ")
        while comma:  # "Ann Lee, Bo Chen, Title": the title may hold commas of its own
            tail = compact(line.title[len(head) + 2 :])
            if tail == own:
                names = head.strip()
                return (names, remark) if looks_like_authors(names) or _one_name(names) else None
            if len(tail) > len(own):
                break  # past the title: the names before it are no longer in question
            head, comma, _ = head.rpartition(", ")
    return None


_INITIAL_END_RE = re.compile(r"\b[A-Z]\.$")
_ET_AL_GLUED_RE = re.compile(r"\bet al\.(?=[A-Za-z])")
# A publisher, then the venue's acronym in parentheses: "IEEE(RAL)", "IEEE (TETCI)", "ACM(CSUR)"
_PUBLISHER_ACRONYM_RE = re.compile(
    r"\b(?:IEEE|ACM|Springer|Elsevier)\s*\((?P<acronym>[A-Z][A-Za-z&-]{1,11})\)"
)


def _publishers_venue(text: str) -> str:
    """ "IEEE(RAL)", "IEEE (ICRA)" as "RAL", "ICRA": a publisher, then a venue's acronym in
    parentheses, is that venue (not "IEEE", nor a field cut at "(")."""
    if "(" in text and _PUBLISHER_ACRONYM_RE.search(text):
        # (a venue the lists know: "IEEE(TETCI)" stays, read as IEEE)
        return _PUBLISHER_ACRONYM_RE.sub(
            lambda m: m["acronym"] if looks_like_venue_or_date(m["acronym"]) else m[0], text
        )
    return text

# " - Year: 2020": a field of its own (a key of FIELD_KEYS) run into the value of the one before
_RUN_ON_KEYS = sorted((k for k in FIELD_KEYS if k.isascii() and k.isalpha() and len(k) > 2),
                      key=len, reverse=True)  # fmt: skip
_RUN_ON_FIELD_RE = re.compile(rf"\s+[-–]\s+(?=(?i:({'|'.join(_RUN_ON_KEYS)}))\s*(?::|$))")
_DATE_IN_PARENTHESES_END_RE = re.compile(r"[\s,.;]*\((?P<date>[^()]{4,20})\)[.;]?\s*$")


def _cites_venue(
    line: Reading, *, linked: bool, under_title: bool = False
) -> tuple[str | None, str, str | None] | None:
    """(authors, venue, other text) of a field line with a year that names a venue, and the
    authors before it if it names them: "Communications of the ACM, 1995"; "Zhao, Shuai and
    Wang, Huai, IEEE Transactions on Power Electronics, 2020" (read as one title); "Zhao, Shuai
    and Wang, Huai, ***MLCAD***, 2021" (the bold read as its title, the names as its authors).
    None for a paper's title or a person. (Under a linked entry, a venue the lists know and its
    year date the entry whatever the line says beside them; under a line with no link, "* Widget,
    ICRA 2020" is as likely a paper of a group; ``under_title``: the line is a field of an
    entry with a title of its own, so "Authors. Short Name, Year." names where it appeared.)"""
    if _names_venue(line):
        head, comma, tail = line.title.rpartition(", ")
        if comma and looks_like_authors(head) and _names_venue(replace(line, title=tail)):
            return head, tail, None
        return None, line.title, None
    if line.authors and line.title_marked and not line.venue and (
        read_citation(f"{line.title}, {line.year}") is not None
        or _names_a_venue(line.title)
        or _capitalised_name(line.title)  # "***Applied Energy***": the names are beside it
    ):
        return line.authors, line.title, None
    if under_title and line.authors and linked and not line.venue and _short_venue(line):
        # "  - Judea Pearl. *Statistics Surveys*, 2009." under a linked title: where it appeared
        return line.authors, line.title, None
    if line.venue and not line.authors and line.title_marked is False:
        # "Zhao, Shuai and Wang, Huai, ***NeurIPS***, 2023": a venue the lists know
        if looks_like_authors(line.title):
            return line.title, line.venue, None
        return (None, line.venue, line.title or None) if linked else None
    return None


def _short_venue(line: Reading) -> bool:
    """A title of a few capitalised words that names a venue ("Statistics Surveys",
    "Information Fusion", "Knowledge-Based Systems"), not a paper's title."""
    name = line.title
    return (
        0 < len(name.split()) <= _SHORT_VENUE_WORDS
        and _capitalised(name)  # (a title's words allowed: "Knowledge-Based Systems")
        and (_names_a_venue(name) or read_citation(f"{name}, {line.year}") is not None)
    )


_SHORT_VENUE_WORDS = 4


def _names_venue(line: Reading) -> bool:
    """A line read as a title and a year that is a venue and its year ("Communications of the
    ACM, 1995", "Artificial Intelligence, 2013"), not a paper's title or a person."""
    name = line.title
    if not name or line.venue or line.authors:
        return False
    return read_citation(f"{name}, {line.year}") is not None or _names_a_venue(name)


def _join(a: str | None, b: str | None) -> str | None:
    parts = [p for p in (a, b) if p]
    return " ".join(parts) if parts else None


def _venue_and_year(text: str, year: int | None) -> tuple[str | None, int | None]:
    venue, tag_year = split_venue_tag(text)
    return venue, year if year is not None else tag_year


@load_cache(16384)  # labels repeat ("📝 Paper", "Code") thousands of times
def is_generic_label(label: str) -> bool:
    """ "Paper", "[PDF]", "Code (PyTorch)", "arXiv 2023", "ACL'24": a label that names the kind
    of link or its venue, not the work."""
    # "💻 Code (not yet)", "📄 Paper (Low Resolution)": a remark does not name the work
    cleaned = clean_label(_PARENTHESES_RE.sub(" ", label) if "(" in label else label).lower()
    if not cleaned:
        return True
    words = _WORD_RE.findall(cleaned)
    if all(w in _GENERIC_WORDS or w.isdigit() for w in words):
        return True
    written = label.strip()
    if written.startswith("[") and written.endswith("]") and len(words) <= _BUTTON_WORDS:
        return True  # "[[Python High Performance]](…)": a button, named like one
    if _SHORTCODES_RE.fullmatch(written):
        return True  # ":heavy_division_sign:": an emoji, as GitHub writes it
    if _DIGIT_LED_VENUE_RE.fullmatch(written):
        return True  # "3DV2020", "3DIMPVT2012": a venue and its year ("PhysioNet2020" names data)
    if _venue_trailing_label(written) is not None:
        return False  # "USDRL AAAI'2025": the paper's name, then where it appeared
    if ", " in written and _label_comma_tail(written) is not None:
        return False  # "Widget Nets, NeurIPS 2020": the title, then where and when
    return looks_like_venue_or_date(cleaned)


def names_a_work(label: str) -> bool:
    """A link label that is a work's title: three words or more, and not "Paper", "arXiv 2023"
    or "[Python Reference]"."""
    return len(label.split()) >= _WORK_LABEL_WORDS and not is_generic_label(label)


def looks_like_authors(text: str) -> bool:
    """ "A. Smith, B. Jones", "Joon Sung Park (Stanford) et al.", "Ann Lee and Bo Chen": names
    in a list. Title-case titles are not: a lone " and " joins two names of 1-3 words only."""
    if text and max(text) >= "\u4e00" and _HAN_AUTHORS_RE.fullmatch(text.strip(" .,;，。")):
        return True  # "李家宁, 田永鸿": names in Chinese, of two or three characters
    if not ("," in text or ";" in text or " and " in text or "&" in text or "et al" in text):
        return False  # one name alone is no author list
    if "(" in text:  # "… & Van Gool, L. (2017)": APA's year after the authors is theirs
        text = _AFFILIATION_RE.sub("", _TRAILING_YEAR_RE.sub("", text))
    text = _AUTHOR_MARK_RE.sub("", text)  # "Min Shi*, Fuxiao Liu*": equal contribution, contact
    if "..." in text or "…" in text:  # "Deo, R., ... & Zador, A.": APA leaves names out so
        text = text.replace("...", ",").replace("…", ",")
    text = _EMPTY_NAME_RE.sub("", text).translate(_HYPHENS)  # "Bürkner, P.‑C." (U+2011)
    cleaned = text.strip().strip(" .,;:*_")
    if not cleaned or len(cleaned) > _AUTHORS_CHARS:
        return False
    if cleaned.count(", ") >= 2:  # "Canran WANG, Yuwen Yang, …", "Xiao Wang, fei Wang, …"
        cleaned = _odd_names_written_plainly(cleaned)
    if _GLUED_YEAR_NAME_RE.search(cleaned):
        return False  # "Honglei Zhuang, NACCL2024": a venue and its year, no person
    # Cheap refusal first: names are capitalised, but for particles and list words.
    if any(w[0].islower() and w not in _NAME_LOWER_WORDS for w in cleaned.split()):
        return False
    if _APA_AUTHORS_RE.fullmatch(cleaned + ".") or _APA_AUTHORS_RE.fullmatch(cleaned):
        return True  # "Granier, A., & Senn, W.": surnames and initials
    if _BIBTEX_AUTHORS_RE.fullmatch(cleaned) and not _has_title_word(cleaned):
        return True  # "Wang, Xiaolong and Girshick, Ross and others": as BibTeX writes them
    if ";" in cleaned and all(
        _INVERTED_NAME_RE.fullmatch(part.strip()) for part in cleaned.split(";")
    ):
        return True  # "Mordvintsev, Alexander; Olah, Christopher": surname, given names
    if _AUTHORS_RE.match(cleaned) is None:
        return False
    if "et al" in cleaned:
        return True
    names = [n.strip() for n in re.split(r"[,;&]|\band\b", cleaned) if n.strip()]
    if any(_ACRONYM_WORD_RE.fullmatch(part) for n in names for w in n.split()
           for part in w.split("-")):  # fmt: skip
        return False  # "OverFeat, NYU", "Faster R-CNN, Microsoft Research": a method, its maker
    if _has_title_word(cleaned):
        return False  # "Simple and Controllable Music Generation": a title
    if not any(len(n.split()) >= 2 for n in names):
        return False  # people are written with a first and a last name
    if "," in cleaned or ";" in cleaned:
        return True
    halves = re.split(r"\s+(?:and|&)\s+", cleaned)  # "A B and C D", "A B and C D and E F"
    # A name is 1-3 words besides its initials: "K. Hassani and A. H. K. Ahmadi"
    return len(halves) >= 2 and all(
        1 <= sum(not _INITIAL_WORD_RE.fullmatch(w) for w in h.split()) <= 3 and len(h.split()) <= 6
        for h in halves
    )


# An author list this long is no list of names (Llama 2's 68 names take 1,400 characters).
_AUTHORS_CHARS = 4000


def _odd_names_written_plainly(names: str) -> str:
    """A list of three names or more with one odd name in three at most -- a surname in
    capitals ("Canran WANG"), a small letter ("fei Wang", "Dong yin Hu") -- with those written as
    names are, so that one name does not cost the list its authors. Any other text as it is."""
    parts = names.split(", ")
    odd = [k for k, part in enumerate(parts) if _ODD_NAME_RE.fullmatch(part.strip())]
    if not odd or len(odd) * 3 > len(parts):
        return names
    for k in odd:
        parts[k] = " ".join(w if w in _NAME_LOWER_WORDS else w.capitalize()
                            for w in parts[k].split())  # fmt: skip
    return ", ".join(parts)


# A name of two to four words, one of them in capitals (three letters or more) or begun small
_NAME_WORD = r"(?:[A-Za-z][a-z]*|[A-Z]{2,})"
_ODD_NAME_RE = re.compile(
    rf"(?=.*(?:\b[A-Z]{{3,}}\b|(?:^| )[a-z])){_NAME_WORD}(?: {_NAME_WORD}){{1,3}}"
)


_GLUED_YEAR_NAME_RE = re.compile(r"(?:^|,\s*)[A-Za-z]{2,}(?:19|20)\d{2}\s*(?:,|$)")
_HAN_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # Chinese and Japanese script
_HAN_NAME = r"[\u4e00-\u9fff]{2,3}"
_HAN_AUTHORS_RE = re.compile(rf"{_HAN_NAME}(?:\s*[,，]\s*{_HAN_NAME})+(?:\s*(?:等|et al\.?))?")


def clean_authors(text: str) -> str:
    """An author list as the catalogue keeps it: without the marks of equal contribution, contact
    or affiliation ("Kai Lee*, Bo Chen†", "Wu1") and names left out (", ,")."""
    text = _AUTHOR_MARK_RE.sub("", text)
    text = _AFFILIATION_MARK_RE.sub("", text)
    if text[-1:] in ")）" and "et al" in text:
        text = _TRAILING_AFFILIATION_RE.sub("", text)  # "Kipf, et al. (University of Amsterdam)"
    if "(" in text:  # "Younggi Park (Korea University), Hwiwon Lee (Korea University)"
        text = _AFFILIATION_IN_PARENTHESES_RE.sub(
            lambda m: "" if _is_affiliation(m.group(0), m.string[m.end() :]) else m.group(0),
            text,
        )
    if "," in text:  # "Charles Q. Ito, Hao Su, Stanford University": the lab after the names
        *names, last = text.rsplit(",", 1)
        if names and _ORGANISATION_RE.search(last) and len(last.split()) <= 4:
            text = names[0]  # (not "University of Cambridge<br>Andrew Rice": a person goes on)
    # (and an emphasis mark Markdown left, "*Yuan Gong et al. *": a space before its end)
    return " ".join(_EMPTY_NAME_RE.sub("", text).split()).strip(" ,;*_")


# A name's affiliation in parentheses, one level of nesting ("(Friedrich-Alexander-Universität
# Erlangen-Nürnberg (FAU))"); dropped when it names an organisation (`_ORGANISATION_RE`).
_AFFILIATION_IN_PARENTHESES_RE = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")


_TRAILING_AFFILIATION_RE = re.compile(r"(?<=et al)\.?\s*[（(][^()（）]{1,60}[)）]$")


def _is_affiliation(group: str, after: str) -> bool:
    """A name's parentheses that say where the person works: an organisation's name ("(Korea
    University)"), or a few words with no number after a whole name ("(CMU)", "(Stanford)",
    "(UC Berkeley)" before a comma, "and", "et al" or the end); not "(2017)", not a nickname
    inside a name ("Duen Horng (Polo) Chau")."""
    if _ORGANISATION_RE.search(group):
        return True
    inner = group.strip().strip("()")
    rest = after.lstrip()
    ends_name = not rest or rest.startswith((",", ";", "&", "and ", "et al"))
    return ends_name and bool(inner) and len(inner.split()) <= 4 and not any(
        ch.isdigit() for ch in inner
    )


def _has_title_word(text: str) -> bool:
    return any(w.lower().strip(".:,;") in _TITLE_WORDS for w in text.split())


def looks_like_citation(text: str) -> bool:
    """ "Karen Simonyan and Andrew Zisserman, Very Deep …, ICLR, 2015.": authors, title, venue
    and year in one line -- a reference, not a title."""
    parts = [p.strip(" .") for p in text.split(",")]
    if len(parts) < 3:
        return False
    if "et al" in text or looks_like_authors(",".join(parts[:2])):
        return True  # authors first
    if _one_name(parts[0]) and read_citation(parts[-1]) is not None:
        return True  # "C. Doe, Title, Geophysics 39 (1974) 834–842": one author, a journal
    return HAS_YEAR_RE.search(text) is not None and (
        looks_like_venue_or_date(parts[-1]) and looks_like_venue_or_date(parts[-2])
    )


def field_label(text: str, *, any_key: bool = False) -> tuple[str | None, str]:
    """("authors", rest) for "Authors: X, Y"; (None, text) when the text is no field. Only known
    keys count, unless ``any_key`` (the label was written "**Key:**")."""
    m = _FIELD_LABEL_RE.match(text)
    if not m:
        return None, text
    # "代码（好像被原作者删除了）" / "Code (official)": the remark is not part of the key
    key = " ".join(_KEY_REMARK_RE.sub("", m["key"]).lower().split()).rstrip("0123456789 ")
    if not any_key and key not in _PLAIN_FIELD_KEYS:
        return None, text
    if m["sep"] == ";" and key not in FIELD_KEYS:
        return None, text  # "Dataset; [Atari](…)": a field, its link next; "Note;" may not be
    return key, text[m.end() :]


def read_links(segs: Iterable[Seg]) -> tuple[list[Link], list[tuple[int, str]]]:
    """The links among the segments, and a warning for each one recovered by regex."""
    links: list[Link] = []
    warnings: list[tuple[int, str]] = []
    for seg in segs:
        if seg.kind != "link" or seg.in_code or seg.hidden:
            continue
        url = squash(seg.url)  # a URL broken over two lines is one URL
        label = "" if seg.autolink else clean_label(seg.text)
        links.append(Link(label=label, url=url, line_no=seg.line))
        if seg.broken:
            warnings.append((seg.line, f"link {seg.defect} (read as label '{label}', URL {url})"))
    return links, warnings


def _split_tag(
    pre: str, raw_head: str, *, linked: bool = False, label: str = ""
) -> tuple[str | None, str]:
    """(venue tag, rest of the text) from the text before the first link (``linked``: a link
    follows, which may hold the title; ``label``: its text)."""
    m = _PLAIN_TAG_RE.match(pre)
    if m:
        tag = squash(m["tag"])
        if tag and (
            RAW_EMPH_TAG_RE.match(raw_head) is not None
            or _is_tag(tag)
            # "(2025.09 Science Robotics) [Title](…)": a month's date, then the venue's name
            or (_DATED_BY_MONTH_RE.match(tag) and _YEAR_LED_VENUE_RE.fullmatch(tag))
        ):
            return tag, pre[m.end() :]
    if pre[:3].lstrip()[:2].isdigit() and (dashed := _YEAR_VENUE_DASHED_RE.match(pre)):
        # "20-OSDI-PANIC: A High-Performance …": the year, the venue, then the title
        return f"{dashed['venue']}'{dashed['year']}", pre[dashed.end() :]
    m = _BRACKET_TAG_RE.match(pre)
    # "[UbiComp, 2025] Title", "[WIREs'2017] [Title](…)": any venue, with its year
    dated = m is not None and not _citation_key(m["tag"]) and (
        looks_like_venue_or_date(m["tag"])
        or (_YEAR_TAG_RE.search(m["tag"]) is not None and len(m["tag"].split()) <= 4)
        or _DATE_LED_TAG_RE.match(m["tag"]) is not None  # "[2023.05 | Arquivos Brasileiros …]"
        # "[2022 Current Opinion in Structural Biology] **Title**": a year, a journal's name
        or _YEAR_LED_VENUE_RE.fullmatch(m["tag"].strip()) is not None
    )
    if m and dated and (pre[m.end() :].strip() or linked):
        return squash(m["tag"]), pre[m.end() :]
    m = _LEADING_VENUE_RE.match(pre)
    if m and HAS_YEAR_RE.search(m["tag"]) and looks_like_venue_or_date(m["tag"]) and not (
        (glued := _NAME_GLUED_YEAR_RE.fullmatch(m["tag"].strip()))
        and not is_venue_word(glued["name"])
    ):  # "EarthNet2021: A Large-Scale Dataset …" is a dataset's name, "CVPR2021: …" a venue
        return squash(m["tag"]), pre[m.end() :]
    if names_a_work(label) and (named := _NAME_YEAR_BEFORE_LINK_RE.fullmatch(pre)) and not (
        _one_name(name := named["tag"][:-5])  # "Ann Lee 2020, [Title](…)": who, not where
        and JOURNAL_WORDS.isdisjoint(w.lower() for w in name.split())  # "Cluster Computing"
    ):
        # "Euro-Par 2022, [Title](…)", "Cluster Computing 2019, [Title](…)": only a name and a
        # year, then the link: where and when, not the title
        return squash(named["tag"]), ""
    return None, pre


# "16-ATC-Title", "20-OSDI-Title": a two-digit year and a venue's acronym, dashed, before a title
_YEAR_VENUE_DASHED_RE = re.compile(
    r"\s*(?P<year>\d{2})-(?P<venue>(?=(?:[a-z&]*[A-Z]){2})[A-Za-z&]{2,12})-(?=[^\W\d_])"
)
# A name glued to a year: "EarthNet2021" (a dataset), "Degrave2022" (a reference's key: its
# first author and year), "Smith2020a"; "CVPR2021" is a venue's (`is_venue_word`).
_NAME_YEAR_BEFORE_LINK_RE = re.compile(
    r"\s*(?P<tag>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3} (?:19|20)\d{2}),\s*"
)
_NAME_GLUED_YEAR_RE = re.compile(r"(?P<name>[^\W\d_][\w-]*?)(?:19|20)\d{2}[a-z]?")


def _citation_key(tag: str) -> bool:
    """ "[Degrave2022]": a name glued to a year, no venue's."""
    glued = _NAME_GLUED_YEAR_RE.fullmatch(tag.strip())
    return glued is not None and not is_venue_word(glued["name"])


# "[2022 Current Opinion in Structural Biology]", "(2025.09 Science Robotics)": a date, a name
_DATED_BY_MONTH_RE = re.compile(r"(?:19|20)\d{2}[./-]\d{1,2} ")
_YEAR_LED_VENUE_RE = re.compile(
    rf"(?:19|20)\d{{2}}(?:[./-]\d{{1,2}})? {VENUE_NAME_FIRST}{VENUE_NAME_NEXT}{{1,8}}"
)
# A tag that is a date, then the venue's name however long: "2023.05 | Arquivos Brasileiros de
# Cirurgia Digestiva", "2024.12, Computational and Structural Biotechnology Journal".
_DATE_LED_TAG_RE = re.compile(r"\s*(?:19|20)\d{2}(?:[./-]\d{1,2})?\s*[|,·]\s*[^\W\d_]")


# A venue and its year heading a link's label: "[CIKM 2019] Title", "(ICLR'24) Title", and an
# acronym glued to its year, "ICCV21 Title", "NeurIPS2019 Title".
_LABEL_TAG_RE = re.compile(r"\s*[\[(【]\s*(?P<tag>[^\[\]()【】]{2,40}?)\s*[\])】]\s*(?=\S)")
_LABEL_GLUED_TAG_RE = re.compile(
    r"(?P<venue>[A-Za-z][A-Za-z&-]{1,11})['’]?(?P<year>(?:19|20)\d{2}|\d{2})\s+(?=\S)"
)


def _venue_tag_in_label(label: str) -> tuple[str, str] | None:
    """(tag, title) of a link's label that a venue and its year lead, else None; the title is
    two words at least ("[ACL 2024] Paper" is no title and its tag). A known venue and its
    year may end the label instead: "Heterogeneous CVPR'2025" names the paper "Heterogeneous"."""
    if (trailing := _venue_trailing_label(label)) is not None:
        return trailing
    if label[:1] in "[(【":
        m = _LABEL_TAG_RE.match(label)
        if m is None or not looks_like_venue_or_date(m["tag"]):
            return None
        tag = squash(m["tag"])
    else:
        m = _LABEL_GLUED_TAG_RE.match(label)
        if m is None or not is_venue_word(m["venue"]):
            return None  # "GPT4 Technical Report", "COVID19 …": a name, not a venue
        tag = f"{m['venue']} {m['year']}"
    title = label[m.end() :].strip()
    return (tag, title) if len(title.split()) >= 2 and not is_generic_label(title) else None


_BRACKET_CHAIN_RE = re.compile(r"\s*(?:\[[^\[\]\n]{1,300}\]\s*){2,}")
_BRACKET_GROUP_RE = re.compile(r"\[([^\[\]\n]+)\]")


def _bracket_chain(
    text: str, current_year: int
) -> tuple[str, str | None, str | None, int | None] | None:
    """(title, authors, venue, year) of a reference written as bracketed groups before the
    links: "[Chen et al.] [Unsupervised detection of lesions] [MIDL'18]". One group is the
    title (two words at least); the others are authors or a venue and its date, each once.
    None when the text is not such a chain."""
    if _BRACKET_CHAIN_RE.fullmatch(text) is None:
        return None
    title = authors = venue = None
    year: int | None = None
    for group in (squash(g) for g in _BRACKET_GROUP_RE.findall(text)):
        if authors is None and ("et al" in group or "et. al" in group or looks_like_authors(group)):
            authors = group
        elif venue is None and year is None and (
            looks_like_venue_or_date(group) or HAS_YEAR_RE.search(group)
        ):
            venue, year = split_venue_tag(group, current_year)
        elif title is None and len(group.split()) >= 2 and not looks_like_venue_or_date(group):
            title = group
        else:
            return None  # a group read twice, or one of no kind: not this shape
    if title is None or (authors is None and venue is None and year is None):
        return None
    return title, authors, venue, year


_LABEL_TRAILING_TAG_RE = re.compile(
    r"(?P<title>\S.*?)\s+(?P<tag>(?P<venue>[A-Za-z][A-Za-z&-]{1,11})\s?['’]?(?:19|20)?\d{2})"
)


def _venue_trailing_label(label: str) -> tuple[str, str] | None:
    """(tag, name) of a link's label "USDRL AAAI'2025": a short name (three words at most),
    then a known venue's acronym and its year, else None."""
    if not label.rstrip()[-1:].isdigit():
        return None  # the usual label: no year at its end (is_generic_label asks every label)
    m = _LABEL_TRAILING_TAG_RE.fullmatch(label.strip())
    if m is None or not is_venue_word(m["venue"]) or looks_like_venue_or_date(m["title"]):
        return None
    if len(m["title"].split()) > 3 or m["title"][-1] in ".,;:" or not (
        _ACRONYM_LABEL_RE.fullmatch(m["venue"]) or _is_preprint(m["venue"])
    ):
        return None  # a title with its venue ("…, AAAI 2019") is read as a reference is
    if m["title"].split()[0].lower() in _GENERIC_WORDS:
        return None  # "[Paper CVPR 2021](…)": the kind of link and where
    return m["tag"], m["title"]


def _without_leading_marks(text: str) -> str:
    """ "⭐⭐(ICML 2022) **Title**": stars and emoji before an entry's venue tag mark the entry
    (a favourite, a kind of paper); they are no part of the tag (nor of a title:
    `_strip_title`)."""
    if text.lstrip()[:1].isascii():
        return text  # the usual case: no mark (emoji and stars are never ASCII)
    k = 0
    while k < len(text) and (text[k].isspace() or unicodedata.category(text[k]) in _MARKS):
        k += 1
    if k == len(text) or text[k] not in "([【" or not any(
        unicodedata.category(ch) in _MARKS for ch in text[:k]
    ):
        return text
    return text[k:]


_MARKS = frozenset({"So", "Sk", "Mn", "Cf"})  # symbols (emoji), modifiers, joiners


def _is_tag(tag: str) -> bool:
    """ "EMNLP'24", "ACL 2024", "2023", "Arxiv 2024.06.27" (the day it appeared): a tag even
    when the list did not emphasise it."""
    tag = _DAY_AFTER_YEAR_RE.sub("", tag)
    return TAG_APOSTROPHE_RE.match(tag) is not None or TAG_FULL_YEAR_RE.match(tag) is not None


# ".06.27", "-05": the month and day after a tag's year
_DAY_AFTER_YEAR_RE = re.compile(r"(?<=(?<!\d)(?:19|20)\d{2})[./-]\d{1,2}(?:[./-]\d{1,2})?$")


def plain_title(text: str) -> str:
    """A title from text with no link and no mark: trimmed, without the list's numbering ("1.
    HeadStudio: …"), and none if it names a date or a venue only ("2023", "ACL 2024")."""
    title = _strip_title(_ORDINAL_PREFIX_RE.sub("", text, count=1))
    return "" if looks_like_venue_or_date(title) else title


def _strip_title(text: str) -> str:
    title = squash(text).lstrip(_TITLE_LEAD).rstrip(_TITLE_TRAIL).strip()
    if title[:1] == "*":
        title = _STARS_RE.sub("", title, count=1)  # "*** Title": the list's mark for a key paper
    if "," in title and (label := _TRAILING_LINK_LABEL_RE.search(title)):
        title = title[: label.start()]  # "Title, reference: https://…": the link's label
    if title.endswith("**") and "**" not in title[:-2]:
        title = title.rstrip("*").rstrip()  # "Title**<br />": a bold mark never opened
    if title.startswith('""') and title.rstrip(".").endswith('"') and len(title) > 4:
        title = title[1:].rstrip(".")[:-1]  # '""It is fine": Critiques …".': the quotes
        # around a title that begins with a quote of its own
    if title.startswith('" ') and title.count('"') == 2:
        title = '"' + title[2:]  # '" kelly is warm": Gender biases …': a stray space
    if title[:1] == "[" and title[-1:] == "]" and (inner := title[1:-1].strip()) and not (
        "[" in inner or "]" in inner or len(inner.split()) < 2 or is_generic_label(inner)
        or HAS_YEAR_RE.search(inner) or "|" in inner  # "[2023.07 | Lancet]": a tag
    ):
        title = inner  # "[Title][[Paper]](…)": the name in brackets before its link (a kind
        # in brackets, "[Blog] [Title](…)", stays a kind: the link's label is the title)
    if title and not title[-1].isascii() and unicodedata.category(title[-1]) in _END_MARKS:
        # "Title 🌟", "Title 🔥⭐️": the list's marks for a favourite, no word of the title
        k = len(title)
        while k and (title[k - 1].isspace() or unicodedata.category(title[k - 1]) in _END_MARKS):
            k -= 1
        title = title[:k].rstrip(_TITLE_TRAIL).strip() if k else title
    if title and not title[0].isascii() and unicodedata.category(title[0]) in _END_MARKS:
        # "✨Learning Graph Matching …": a mark the list sets before its own group's papers
        k = 0
        while k < len(title) and (
            title[k].isspace() or unicodedata.category(title[k]) in _LEAD_MARKS
        ):
            k += 1
        title = title[k:].lstrip(_TITLE_LEAD) if k < len(title) else title
    return title


_STARS_RE = re.compile(r"^\*+\s+(?=\S)")
_TRAILING_LINK_LABEL_RE = re.compile(r",\s*(?:reference|ref|paper|pdf|link|code|source)$", re.I)
_END_MARKS = frozenset({"So", "Cf", "Mn"})  # emoji, joiners, variation selectors
_LEAD_MARKS = _END_MARKS | {"Sk"}  # and the skin tones of "🕵🏻‍♀️"


def _unwrapped(title: str) -> str:
    """ "[A review of widget networks]", '"Wasabi: a framework."' as a link's label or a bold
    title: the brackets and quotes are markup, and so is a full stop inside the quotes."""
    if title[:1] == "[" and title[-1:] == "]" and title.count("[") == 1 and title.count("]") == 1:
        return title[1:-1].strip()
    if len(title) > 2 and title[0] in _OPENING_QUOTES and title[-1] in _CLOSING_QUOTES:
        inner = title[1:-1].strip()
        if not any(q in inner for q in _QUOTE_MARKS):
            return _REFERENCE_STOP_RE.sub("", inner.rstrip(",")).strip()
    return title


def _pieces(text: str) -> list[str]:
    """The text cut at its separators (". ", " - ", " | ", a final "(…)") and where an author
    list starts without one."""
    text = _publishers_venue(text)
    matches = _ET_AL_START_RE.finditer(text) if "et al" in text else iter(())
    if "et al" in text and (marked := _ET_AL_AFTER_MARK_RE.search(text)) is not None:
        # "Title · Glenn Anta Bucagu et al. (arXiv 2026)": a mark parts the names, all of them
        # (none to cut when nothing stands before the mark)
        before = any(ch.isalpha() for ch in text[: marked.start()])
        matches = iter((marked,) if before else ())
    m = next((m for m in matches
              # a title before the authors (words, not a "·" that parts fields)
              if sum(any(ch.isalnum() for ch in w) for w in text[: m.start()].split()) >= 3
              and not _IN_AUTHOR_LIST_RE.search(text[: m.start()])
              # "Jonathan A. Weyn et al": an initial is the name's own, and so is a particle
              # ("Aaron van den Oord et al")
              and not _INITIAL_BEFORE_RE.search(text, 0, m.start())
              and not _PARTICLE_BEFORE_RE.search(text, 0, m.start())), None)  # fmt: skip
    if m is not None:
        start, end = m.start(), m.end()
        by = _BY_NAMES_RE.search(text, 0, start)
        if by is not None:  # "by Helen M. Crane et al.": the names start after "by"
            start = end = by.start()
        return [*_PIECE_SPLIT_RE.split(text[:start]), *_PIECE_SPLIT_RE.split(text[end:])]
    return _PIECE_SPLIT_RE.split(text)


# What a list of names does not hold: a clause's words ("Do As I Can, Not As I Say"), an
# acronym ("Patel V M. DDPM-CD"), a full stop after a word ("Khuzaima Daudjee. Tutorial").
_NOT_IN_NAMES_RE = re.compile(
    r"\b(?:As|I|Not|Do|Does|Can|Is|Are|The|A|An|Of|To|In|On|For|With|Or|You|We|It|My|Your|Our)\b"
    r"|[A-Z]{2}|[a-z]\.\s"
)


def _names_first(text: str) -> tuple[str, str] | None:
    """(authors, the rest) of a reference that opens with its authors, parted by commas ("Jens
    Kober, J. Andrew Bagnell, Jan Peters, Title, IJRR, 2013", "Richard Sutton and Andrew
    Barto, Title"); None when the text opens with no name, or leaves no title of three words."""
    parts = text.split(", ")
    k = 0
    while k < len(parts) - 1:
        name = parts[k].strip().removeprefix("and ")
        if _NOT_IN_NAMES_RE.search(name) or _has_title_word(name) or ":" in name or not (
            _one_name(name) or looks_like_authors(name)  # ("One Model, One World: …": a title's)
        ):
            break
        k += 1
        if "et al" in name or parts[k - 1].strip().startswith("and "):
            break  # the list's last name: "Eigen et al, Predicting Depth, …" is the title's
    rest = ", ".join(parts[k:])
    if k == 0 or (k == 1 and " and " not in parts[0]):
        return None  # one name alone may be a title's first clause ("Don't Generate, …")
    if len(parts[k].split()) < 2 or len(rest.split()) < 3 or ". " in rest.rstrip(". "):
        return None  # (a full stop parts "Hong Chen. Title. SIGMOD": not this shape)
    lead = parts[k].split(":")[0].strip()
    if looks_like_venue_or_date(parts[k]) or _one_name(parts[k].strip(" .")) or (
        "(" in lead or lead[:1].islower() or "et al" in rest
    ):
        return None  # a name still: "Duen Horng (Polo) Chau: Title", "daniel Chen", "… et al."
    return ", ".join(parts[:k]), rest


def _split_pieces(text: str, italic: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """ "Title. Authors. ACL 2023" -> ("Title", ["Authors", "ACL 2023"]): trailing pieces that
    are authors, venues, journals or dates come off the title; the title itself is never split.
    ``italic``: the entry's italic texts (journals' names are set so)."""
    if ": " in text and "," in text:
        names, _, rest = text.partition(": ")
        people = names.split(", ")
        if (
            len(people) >= 2
            and all(_one_name(p) for p in people)
            and not _NOT_IN_NAMES_RE.search(names)
        ):
            # DBLP's "Ann Lee, Bo Chen: Title. Venue 13(11): 1-9 (2020)": the authors, a colon.
            # Two "names" and no venue after the title may be a title's own two clauses ("Do
            # As I Can, Not As I Say: Grounding …").
            rest_title, tail = _split_pieces(rest, italic)
            if len(people) >= 3 or tail:
                return rest_title, [names, *tail]
    if ", " in text and (named := _names_first(text)) is not None:
        # "Leslie Pack Kaelbling, Michael L. Littman, Reinforcement Learning: A Survey, JAIR,
        # 1996.": the authors, the title, where and when, all after commas
        names, rest = named
        rest = rest.strip(" “”\"")  # 'Ann Lee, and Bo Chen, “Title,” Journal, 2015'
        if (ends := _label_comma_tail(rest.rstrip(" ."))) is not None:
            title, fields, shaped = ends
            return title, [names, ", ".join([shaped, *fields]) if shaped else " ".join(fields)]
        rest_title, tail = _split_pieces(rest, italic)
        return rest_title, [names, *tail]
    if "," in text and (comma_tail := _comma_tail(text)) is not None:
        # "A survey of widgets, 2023.11", "Prompt learning, SIGIR 2023", "Review, arXiv, 2020"
        head, fields = comma_tail
        title, tail = _split_pieces(head, italic)
        return title, [*tail, *fields]
    if not _MAY_SPLIT_RE.search(text):
        return text, []  # one piece: nothing to split off
    cited = _VANCOUVER_AUTHORS_RE.match(text) or _NATURE_AUTHORS_RE.match(text)
    if cited is not None:  # "Smith J, Doe A. Title. Journal. 2023;25:e1" (initials, no dots),
        # "Love, M.I., Huber, W. & Anders, S. Title. Genome Biol 15, 550 (2014)."
        rest_title, tail = _split_pieces(text[cited.end() :], italic)
        return rest_title, [cited["authors"], *tail]
    if "]" in text and (kind := _GBT_TYPE_RE.search(text)) is not None:
        return text[: kind.start()], _field_pieces(text[kind.end() :])  # the title ends there
    pieces = [p for p in _pieces(text) if p and p.strip(" .,;:()")]
    if len(pieces) <= 1:
        return text, []
    if (
        looks_like_authors(pieces[0])  # "Authors. Title. Venue"
        or (len(pieces) > 2 and date_parts(pieces[0]) != (None, None))  # APA: "(2009). Title."
        or (_one_name(pieces[0]) and _in_italics(pieces[1], italic))  # "Tim Kraska. *Title*."
    ):
        rest_title, tail = _split_pieces(text[text.find(pieces[1], len(pieces[0])) :], italic)
        return rest_title, [pieces[0], *tail]
    # Everything from the author list on is not the title ("Title. Authors. Journal Name");
    # without one, trailing venues and dates come off.
    keep = next((k for k in range(1, len(pieces)) if looks_like_authors(pieces[k])), len(pieces))
    while keep > 1 and (
        (
            _trailing_piece(pieces[keep - 1], italic)
            and not _spells_out(pieces[keep - 2], pieces[keep - 1])
        )
        or _one_author_field(text, pieces[keep - 1])
        or (  # "Title. Knowledge-Based Systems 230 (2021), 107390": a journal, its volume
            keep < len(pieces)
            and _JOURNAL_VOLUME_RE.fullmatch(pieces[keep - 1].strip()) is not None
            and date_parts(pieces[keep].strip(" ().,")) != (None, None)
        )
    ):
        keep -= 1
    if keep == len(pieces):
        return text, []
    # Re-cut the original text where the kept pieces end, so the title keeps its punctuation.
    tail = pieces[keep:]
    cut = len(text)
    for piece in reversed(tail):
        cut = text.rfind(piece, 0, cut)
    # "… scheme. Chinese Sci. Bull., 53(6), 825-835": a journal abbreviated with full stops was
    # cut at them; the abbreviations before its cited piece go with it.
    while keep > 1 and _ABBREVIATION_RE.fullmatch(pieces[keep - 1]):
        start = text.rfind(pieces[keep - 1], 0, cut)
        journal = text[start : cut + len(tail[0])].strip(" ,;")
        if start < 0 or _abbreviated_venue(journal) is None:
            break
        keep, cut, tail = keep - 1, start, [journal, *tail[1:]]
    return _REFERENCE_STOP_RE.sub("", text[:cut].rstrip()), [p.strip(" .,;:()") for p in tail]


def _one_author_field(text: str, piece: str) -> bool:
    """ "Fast R-CNN | Ross Girshick | ICCV' 15", "Mask R-CNN (2017), K. He.": one author's name
    as a field of its own, after a "|" or a year in parentheses (only there: "Title. Mastering
    Go. Nature" has a subtitle)."""
    if "|" not in text and ")," not in text:
        return False  # the usual case, decided before any search
    at = text.rfind(piece)
    name = piece.strip(" .,;")
    # ("(2012),S Rendle": no space after the comma; "A Paterek": an initial, not an article)
    return at > 0 and text[:at].rstrip().endswith(("|", "),")) and (
        _one_name(name) or _INITIAL_SURNAME_RE.fullmatch(name) is not None
    )


_INITIAL_SURNAME_RE = re.compile(r"[A-Z]\.? [A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _spells_out(before: str, piece: str) -> bool:
    """ "… Large Language Models" before "(LLMS)": the acronym of the words before it is the
    title's own, not a venue."""
    acronym = piece.strip(" .,;:()")
    letters = acronym.removesuffix("S").removesuffix("s")
    if not acronym.isalpha() or len(letters) < 2 or not piece.rstrip(" .,;:").endswith(")"):
        return False
    words = before.split()[-len(letters) :]
    return len(words) == len(letters) and "".join(w[0] for w in words).upper() == letters.upper()


def _trailing_piece(piece: str, italic: tuple[str, ...] = ()) -> bool:
    """A piece after the title that is not part of it: authors, a venue or date, a journal with
    its citation numbers (or in italics), or an acronym in parentheses ("IEEE(RAL)" splits into
    "IEEE" and "RAL)")."""
    stripped = piece.strip(" .,;:()")
    in_parentheses = piece.rstrip(" .,;:").endswith(")")
    return (
        looks_like_venue_or_date(stripped)
        or looks_like_authors(stripped)
        or (in_parentheses and _ACRONYM_RE.fullmatch(stripped) is not None)
        or _STATUS_RE.fullmatch(stripped) is not None
        or (
            in_parentheses
            and _NAMED_VENUE_YEAR_RE.fullmatch(stripped) is not None
            and not looks_like_authors(stripped.rsplit(" ", 1)[0].rstrip(","))
        )  # "Title (IFAC Control Engineering Practice 2024)", not "(Ann Lee and Bo Chen, 2021)"
        or _PROCEEDINGS_RE.match(stripped) is not None
        or _PAGES_RE.fullmatch(stripped) is not None
        or read_citation(stripped, italic=_in_italics(piece, italic)) is not None
        # "Title (*Salesforce AI*)": who made the work, set in italics in parentheses
        or (in_parentheses and stripped in italic and stripped[:1].isupper())
    )


def read_entry(segs: Sequence[Seg], raw_head: str, *, current_year: int) -> Reading:
    """Tag, title, fields and links of one entry from its segments."""
    id_tag = _arxiv_id_tag(segs)
    if id_tag is not None:  # "【arXiv:1903.00100】Title. [[paper]](…)": the id tags the entry
        segs = id_tag[1]
    first_link = next((k for k, s in enumerate(segs) if s.kind == "link"), len(segs))
    head = [s for s in segs[:first_link] if s.kind in ("text", "break")]
    while head and head[0].style == "code" and not any(ch.isalnum() for ch in head[0].text):
        head = head[1:]  # "`*` Nesterov, Yurii. …": a mark the list sets as code
    # "**`Learning`** **`RAL`** Title": one-word tags set as code before the title (a kind of
    # method, a venue's acronym) are no words of it
    code_tags, head = _leading_code_tags(head)
    head, labelled_lines = _labelled_head_lines(head)
    # "_Title_ ```Science 2023```": a venue set as code after the title is a field of its own
    code_venues = [
        s.text for s in head[1:] if s.style == "code"
        and (looks_like_venue_or_date(s.text) or _NAME_AND_YEAR_RE.fullmatch(s.text.strip()))
    ]
    if code_venues:
        head = [head[0], *(s for s in head[1:] if s.style != "code" or s.text not in code_venues)]
    # An item's paragraphs stay apart ("\n"): each may be a field ("*Authors*", "ICLR, 2021").
    pre = _ORDINAL_PREFIX_RE.sub("", "".join(s.text for s in head), count=1)
    if pre.lstrip()[:1] in _GLYPHS:
        pre = _GLYPH_RE.sub("", pre, count=1)  # "##### • [2021 AAAI] Title": a bullet drawn
    tab_fields: list[str] = []
    if "\t" in pre and (fields := _tab_fields(pre)):
        pre, *tab_fields = fields  # "Title.⇥Authors⇥https://…": tabs part the title from them
    pre = _CHECKBOX_RE.sub("", pre, count=1)  # "- [x] Title": a task list's box, not text
    if "(" in pre and _STATUS_IN_PARENTHESES_RE.search(pre):
        pre = _STATUS_IN_PARENTHESES_RE.sub("", pre)  # "ICLR-2020(under review)": no field
    pre = _without_leading_marks(pre)
    if ":" in pre and "_" in pre and _SHORTCODE_IN_TEXT_RE.search(pre):
        pre = _SHORTCODES_RE.sub(" ", pre)  # ":page_facing_up: [paper](…)": GitHub's emoji
    first_label = segs[first_link].text if first_link < len(segs) else ""
    tag, rest = _split_tag(pre, raw_head, linked=first_link < len(segs), label=first_label)
    leading_date = _LEADING_DATE_RE.match(rest) if tag is None and rest[:1].isdigit() else None
    if leading_date is not None and (
        leading_date["month"] or (head and head[0].style == "code")
    ):  # "`2019.04` ClinicalBERT: …", "2019.04 Title": a date heads the entry ("2019 Novel
        # Coronavirus …" is a title: a bare year counts only set apart as code)
        tag, rest = leading_date["date"], rest[leading_date.end() :]
    # (not the venue tag itself set in bold: "[**Remote sensing 2024**] [0] [Title](…)")
    bold_before = next((s for s in head if s.style == "strong" and _has_words(s.text)
                        and not (tag and _same_words(s.text, tag))), None)  # fmt: skip
    first_text = next((s for s in head if s.text.strip()), None)
    # "**Method:** …": a colon inside the bold marks a field label whatever its key; so does
    # "**Comments**: …" on a line with no link ("**ENeRF**: Title [pdf](…)" is a title).
    bold_colon = first_text is not None and first_text.style == "strong" and (
        first_text.text.strip().endswith((":", "："))
        or (
            (first_link == len(segs) or first_text.text.strip().lower() in _NEWS_KEYS)
            and _colon_after(head, first_text)
        )  # "**Update**: Our survey was accepted by [TPAMI](…)!": news, not a paper's title
    )
    key, rest = field_label(rest, any_key=bold_colon)
    if key is not None and first_text is bold_before:
        bold_before = None  # "**Authors:**" is a label, not a title
    labelled = key in _TITLE_KEYS
    if labelled:  # "**Title:** [T](…)": no field of another entry, the start of its own
        key = None
    elif key is not None and key not in _PLAIN_FIELD_KEYS and _QUOTED_RE.search(rest):
        key = None  # '**SPGA:** Authors. "Title."': the paper's short name, then the paper
    links, warnings = read_links(segs[first_link:])
    reading = Reading(tag, "", links, warnings=warnings, field_key=key, title_labelled=labelled,
                      news=key in _NEWS_KEYS)  # fmt: skip
    for field_key, value in labelled_lines:
        reading.absorb(Reading(None, value, [], field_key=field_key))
    italic = _italic_runs(segs)
    if tag is not None and date_parts(tag) != (None, None):
        reading.year, reading.month = date_parts(tag)  # "[2024/01] Title": a date, no venue
        reading.venue_tag = None
    leftovers: list[str] = []
    rest_clean = _strip_title(rest)
    quoted = _QUOTED_RE.search(rest)
    if quoted and (
        not _quotes_a_title(rest[: quoted.start()])
        or rest[quoted.end() :].lstrip().startswith((":", "："))
    ):  # 'Towards a "universal translator" for …', '"Alice is kind": Gender cues in …': a
        quoted = None  # quote inside the title, or heading it before its subtitle
    authors_like = False
    one_author = ""
    cited_by = ""  # the link's label when it cites the work by authors and year
    bold_text = _strip_title(_bold_run(head, bold_before)) if bold_before is not None else ""
    bold_labels_link = bool(bold_text) and _labels_the_link(
        rest.strip(), bold_text, segs[first_link : first_link + 1]
    )
    chain = _bracket_chain(rest, current_year) if key is None and rest[:1] == "[" else None
    if key is not None:
        reading.title = rest_clean  # the field's value; the caller decides what it is
    elif chain is not None:  # "[Chen et al.] [Title] [MIDL'18] [[pdf]](…)"
        reading.title, reading.authors, venue, year = chain
        reading.venue = venue
        reading.year = reading.year if reading.year is not None else year
        reading.title_marked = True
    elif rest.rstrip().endswith(('"', "“")) and (first := _title_link(segs[first_link:])):
        # 'A. Author, B. Author, "[Title](…)," in Proc. ICRA, 2023': the link is the quoted title
        reading.title = squash(first.text)
        reading.title_marked = True
        leftovers.append(rest.rstrip().rstrip('"“'))
    elif (
        bold_text
        and not looks_like_venue_or_date(bold_text)
        and not looks_like_authors(bold_text)
        and not _only_tags(bold_text)  # "**[MBIE]** [Title](…)": a name tag, not the title
        and f"[{bold_text}]" not in rest  # "[**ALOCC**]Adversarially Learned …": so is this
        and not (f"({bold_text})" in rest and HAS_YEAR_RE.search(bold_text))  # "Title (**IFAC
        # Control Engineering Practice 2024**)": a venue and its year
        and _STATUS_RE.fullmatch(bold_text) is None  # "Title | **Under Review** | [code](…)"
        and not bold_labels_link
    ):
        after_bold = rest_clean.split(bold_text, 1)[1] if bold_text in rest_clean else ""
        colon = after_bold.lstrip()
        if (
            colon.startswith((":", "："))
            and _has_words(after_bold)
            and _DESCRIBES_RE.match(colon[1:]) is None
        ):
            # "**ENeRF**: Efficient Neural Radiance Fields …": the bold is the name in the title
            # (not "**Owl Gait Atlas**: motion capture of owls. Markers …": sentences about it)
            named = colon[1:].strip()
            quoted_name = _QUOTED_RE.match(named) if named[:1] in _OPENING_QUOTES else None
            if quoted_name is not None:
                # '**ProDA**: "Prompt Distribution Learning", CVPR, 2022': the quotes hold the
                # whole title ("**Gato**: "A Generalist Agent""); the bold is its short name
                leftovers.append(named[quoted_name.end() :])
                named = quoted_name["title"].rstrip(".")
            title, tail = _split_pieces(named, italic)
            title = _strip_title(title)
            reading.title = (
                title if quoted_name is not None or title.startswith(bold_text)
                else f"{bold_text}: {title}"
            ).rstrip(".")  # fmt: skip
            leftovers.extend(tail)
            leftovers.append(rest_clean.split(bold_text, 1)[0])
        else:
            # "**Graph2vec (MLGWorkshop 2017)**": the venue and year come off the title
            title, tail = _split_pieces(bold_text, italic)
            reading.title = _unwrapped(_strip_title(title).rstrip("."))
            if reading.title[:1] in "[【" and (alias := _NICKNAME_RE.match(reading.title)):
                reading.title = reading.title[alias.end() :]  # "**[G3DC] G3DC: Title**"
                leftovers.append(alias["nick"])  # as "[R-CNN] Title" unbolded: a field
            leftovers.extend(tail)
            by_line = "\n".join(squash(line) for line in rest.split("\n"))
            # What stands before the bold and after it are apart: "[💬Topic] **Title**, Authors"
            around = by_line if bold_text in by_line else rest_clean
            leftovers.extend(around.split(bold_text, 1) if bold_text in around else (around,))
        reading.title_marked = True
    elif quoted:
        reading.title = _strip_title(quoted["title"]).rstrip(".")
        reading.title_marked = True
        written = rest[: quoted.start()]
        if written.lstrip()[:1] in "[【" and (alias := _NICKNAME_RE.match(written)):
            # '[Mole-BERT] Xia, Jun, et al. "Title."': the list's name for it, then the authors
            written = written[alias.end() :]
        before = _trim_piece(written)
        if before and not looks_like_authors(before) and _one_name(before):
            reading.authors = before  # 'L. R. Rabiner, "A tutorial on …"': one author
            before = ""
        after_quote = rest[quoted.end() :]
        # '"Title." Venue. ACM, 2016.': a title that ends a sentence inside its quotes is MLA's
        # or Chicago's, whose venue and year follow in their own order
        ends_sentence = quoted["title"].rstrip()[-1:] in ".?!"
        container = read_reference_container(after_quote) if ends_sentence else None
        if container is not None:
            reading.venue = container[0]
            reading.year = reading.year if reading.year is not None else container[1]
            after_quote = ""
        leftovers.extend((before, after_quote))  # authors | venue
    elif (
        not rest_clean
        or (
            len(rest_clean) <= 3
            and rest_clean.lower() in _ARTICLES
            and _title_link(segs[first_link:]) is segs[first_link]
        )
        or _ORDINAL_RE.fullmatch(rest_clean) is not None
        or _only_tags(rest_clean)
        or not any(ch.isalnum() for ch in rest_clean)  # "❌[Title VENUE'25](…)": a mark
        or (authors_like := _authors_and_date(rest_clean))
        or looks_like_venue_or_date(rest_clean)
        or (one_author := _one_author_and_date(rest_clean))
        or (one_author := _one_author_before_link(rest, segs[first_link : first_link + 1]))
        or _names_the_link(rest.strip(), segs[first_link : first_link + 1])  # "CPC: [T](…)"
        or bold_labels_link
        or (first_link < len(segs) and _quoted(segs[first_link].text))  # 'the (2020) paper
        # ["Title"](…)': the quotes mark the title
        or (  # "If you are new to this field, we recommend our survey …: [Title](…)": prose
            len(rest_clean.split()) > SENTENCE_WORDS // 2
            and _reads_like_prose(rest_clean)
            and first_link < len(segs)
            and segs[first_link].text.strip()[:1].isupper()  # not "[this survey paper](…)"
            and names_a_work(segs[first_link].text)
        )
    ) and (first := _title_link(segs[first_link:], _bracketed_words(segs))) is not None:
        label = _ARXIV_ID_LEAD_RE.sub("", squash(first.text), count=1)  # "[[2103.00814] Title](…)"
        if label[:1] == "*":
            label = _STARS_RE.sub("", label, count=1)  # "[ *** Title](…)": a key paper's mark
        if (led := _venue_tag_in_label(label)) is not None:  # "[[CIKM 2019] Title](…)"
            reading.venue_tag = reading.venue_tag or led[0]
            label = led[1]
        reading.title = clean_label(label) if first.image_label else _unwrapped(label)
        # (a year at its end: "TREC 2019 News Track Overview." is a title with a year in it)
        whole_reference = bool(_QUOTE_MARKS & set(label)) or _YEAR_AT_LABEL_END_RE.search(label)
        if reading.title[-1:] == "." and not whole_reference:
            # "[Planning syntheses with neural networks.](…)": the sentence's full stop (not a
            # whole reference's: '[Doe, J. "Title." Nature (2019).](…)' is read as one below)
            reading.title = _REFERENCE_STOP_RE.sub("", reading.title)
        if len(rest_clean) <= 3 and rest_clean.lower() in _ARTICLES:  # "The [Discovery …](…)"
            reading.title, rest_clean = f"{rest_clean} {reading.title}", ""
        if reading.title[-1:] in ")）" and (by := _LABEL_AUTHORS_RE.search(reading.title)):
            # "[MagBERT (Kumar et al.)](…)": the work's name, then who wrote it
            reading.title, reading.authors = reading.title[: by.start()], by["authors"]
        reading.title_marked = True
        if not rest_clean and label[-1:] in _YEAR_ENDS and (cited := _author_year(label)):
            # "[Doe et al. 2017](…). Sorting widgets. *Nature*.": the link cites the work by
            # its authors and year; its title follows the link, when a title is there
            reading.authors, reading.year = cited
            reading.title, cited_by = "", label
        elif (
            reading.title.endswith(")")
            and (inside := _LABEL_CITATION_RE.fullmatch(reading.title))
            and (cited := _author_year(inside["cite"]))
        ):  # "[Widget sorting at scale (Doe et al., 2012)](…)": the citation is no title's
            reading.title = inside["title"]
            reading.authors, reading.year = cited
        elif (", " in reading.title and (
            _NATURE_AUTHORS_RE.match(reading.title) or _VANCOUVER_AUTHORS_RE.match(reading.title)
        )) or _ACM_REFERENCE_RE.match(reading.title):
            # "[Love, M.I., Huber, W. & Anders, S. Title. Genome Biol 15, 550 (2014).](…)"
            title, tail = _split_pieces(reading.title.rstrip("."), italic)
            reading.title = _strip_title(title)
            leftovers.extend(tail)
        elif not rest_clean and "et al" in label and _ET_AL_LABEL_RE.fullmatch(label):
            # "[Mueller et al.](…)": the list names the paper by its authors only; that name
            # stays its title (there is no other), and it is its authors too
            reading.authors = label.rstrip(" .")
        elif reading.title.endswith(")") and (dated := _LABEL_YEAR_RE.fullmatch(reading.title)):
            reading.title, reading.year = dated["title"], int(dated["year"])  # "[Title (2016)](…)"
        elif reading.title.endswith((")", "）")) and is_target(first.url) and (
            tagged := title_and_tag(reading.title)
        ):
            # "[Widget KB for Healthcare (KDD'22)](…)": where and when, after the title
            reading.title, tag = tagged
            reading.venue_tag = reading.venue_tag or tag
        elif ". " in reading.title and (
            (cut := _split_pieces(reading.title.rstrip(". "), italic))[1]
            and all(looks_like_venue_or_date(piece) or _names_in_a_label(piece, label)
                    for piece in cut[1])
            and len(cut[0].split()) >= 2
            and not looks_like_venue_or_date(cut[0])
        ):  # "[Title. ICLR 2020.](…)", "[Title. 2018-07-02. AISTATS 2020](…)", "[Title. EMNLP
            # 2015. Luo, Yuanfei and Guo, Li.](…)"
            reading.title = _strip_title(cut[0])
            leftovers.extend(cut[1])
        elif (
            ('"' in label or "“" in label)
            and (quoted_in := _QUOTED_RE.search(label))
            and label[: quoted_in.start()].strip()
            and _quotes_a_title(label[: quoted_in.start()])
        ):  # '[Doe, Jane, et al. "Title." Journal 46 (2017).](…)': the link is a whole reference
            reading.title = _strip_title(quoted_in["title"]).rstrip(".")
            # "[(MADDPG) Lowe, Ryan, et al. "Title." …](…)": the list's name for it comes first
            cited_by = _LEADING_NICKNAME_RE.sub("", label[: quoted_in.start()], count=1)
            leftovers.extend((cited_by, label[quoted_in.end() :]))
        elif ", " in reading.title and (ends := _label_comma_tail(reading.title)) is not None:
            # "[Title, SIGMOD, 2008](…)", "[Title, 2014, SIGMOD](…)", "[Title, Alan Fekete,
            # 2005](…)": where and when the paper appeared (or who wrote it, and when)
            reading.title, when_and_where, shaped_venue = ends
            reading.venue = reading.venue or shaped_venue
            leftovers.extend(when_and_where)
        if one_author:  # "David Chiang. 2007. [Title](…)": no later piece would read as authors
            reading.authors = one_author
            rest_clean = rest_clean.replace(one_author, " ", 1)
        leftovers.append(rest_clean)
    elif authors_like:
        leftovers.append(rest_clean)  # "Authors. [[Paper](…)]": no title here
    else:
        nickname = _NICKNAME_RE.match(rest_clean) if rest_clean[:1] in "[【" else None
        if nickname is None and rest_clean[:1] == "(" and bold_text[:1] == "(":
            # "**(GraphCast)** _Graphcast: learning …_": the list's name for it, set in bold
            nickname = _BOLD_NICKNAME_RE.match(rest_clean)
        if nickname is not None and _citation_key(nickname["nick"]):
            # "[Degrave2022] Title[J]. Nature, 2022": a reference's key (its first author's
            # name and year), not the venue "Degrave"
            rest_clean = rest_clean[nickname.end() :]
        elif nickname is not None:  # "**[R-CNN]** Rich feature hierarchies …": the list's alias
            venue, year = split_venue_tag(nickname["nick"], current_year)
            if year is not None or read_citation(nickname["nick"], italic=True) is not None:
                # "[Pacific Symposium on Biocomputing 2023] Title", "[Communications of the ACM]"
                reading.venue, reading.year = venue, year
            else:
                leftovers.append(nickname["nick"])
            rest_clean = rest_clean[nickname.end() :]
        below = _field_lines(rest_clean, head, hard_breaks="\n" in rest.strip())
        if below:  # "Title␣␣⏎Ada Ruiz, Bo Chen␣␣⏎[[paper](…)]": the lines below are fields
            rest_clean = rest_clean[: len(rest_clean) - len(" ".join(below))]
            for field_line in below:
                if reading.authors is None and _one_name(field_line.strip(" .,;")):
                    reading.authors = field_line.strip(" .,;")  # one author: no piece reads so
                else:
                    leftovers.append(field_line)
        if rest_clean.endswith(("]", "】")) and " | " not in rest_clean and (
            bracket := _TRAILING_BRACKET_TAG_RE.search(rest_clean)
        ) and looks_like_venue_or_date(bracket["tag"]):
            # "Title [ACL 2021 Long] [[pdf](…)]": the venue's tag after the title
            leftovers.append(bracket["tag"])
            rest_clean = rest_clean[: bracket.start()].rstrip()
        title, tail = _split_pieces(rest_clean, italic)
        reading.title = _strip_title(title)
        if reading.title.endswith(".") and first_link < len(segs):
            # "- Title. [[paper]](…)": the full stop ends the sentence, not the title
            reading.title = _REFERENCE_STOP_RE.sub("", reading.title)
        leftovers.extend(tail)
    if not reading.title_marked and key is None and looks_like_venue_or_date(reading.title):
        leftovers.append(reading.title)  # "- 2023" heads the papers of a year: not a title
        reading.title = ""
    after = segs[first_link:]
    titled_after_links = False
    if not reading.title and key is None and not authors_like and _only_tags(rest_clean):
        after = _title_after_links(reading, after, leftovers, italic)  # "[[pdf](…)] Title"
        titled_after_links = bool(reading.title)
        if not reading.title and cited_by:
            reading.title = cited_by  # no title after the link: the citation names the work
    for code in code_venues:  # "`UMAP(2020)`": set apart as a tag is, whatever the venue
        venue, year = split_venue_tag(code.strip(), current_year)
        if venue and reading.venue is None and not reading.venue_tag:
            reading.venue = venue
            reading.year = reading.year if reading.year is not None else year
        else:
            leftovers.append(code)
    acronyms = [t for t in code_tags if not looks_like_venue_or_date(t)
                and _ACRONYM_LABEL_RE.fullmatch(t)]  # fmt: skip
    leftovers.extend(t for t in code_tags if t not in acronyms)
    for tab_field in tab_fields:
        if reading.authors is None and _SURNAMES_RE.fullmatch(tab_field):
            reading.authors = tab_field  # "Shu, Chen, Kumar, Ermon, Poole": surnames, a field
        else:
            leftovers.append(tab_field)
    if reading.venue is None and not reading.venue_tag and (by_id := _arxiv_cited(after)):
        reading.venue, after = "arXiv", by_id  # "*Authors*, arXiv:2104.10013 [cs], 2021."
    _fill_fields(reading, leftovers, after, current_year, italic)
    if acronyms and reading.venue is None and not reading.venue_tag:
        reading.venue = acronyms[-1]  # "**`Handcraft`** **`TRO`** Title": a venue's acronym
    if id_tag is not None and reading.venue is None and not reading.venue_tag:
        reading.venue = "arXiv"
        reading.year = reading.year if reading.year is not None else id_tag[0]
    if reading.venue is None and not reading.venue_tag:
        _venue_from_badges(reading, segs, current_year)
    if reading.year is None or (reading.venue is None and not reading.venue_tag):
        _fields_from_labels(reading, segs[first_link:], current_year)
    if (
        titled_after_links
        and reading.venue is None
        and not reading.venue_tag
        and _names_venue_before_title(segs[first_link].text)
    ):  # "[[CVPR](…)] Title": the paper's link, named by its venue
        venue, year = split_venue_tag(segs[first_link].text.strip(), current_year)
        reading.venue = venue
        reading.year = reading.year if reading.year is not None else year
    if reading.venue_tag and not reading.title and reading.authors and (
        "," not in reading.authors and "et al" not in reading.authors and not italic
    ):  # "(Toy Bank Working Paper 2024) Robots and Inflation Forecasts [Paper](…)": after the
        # tag comes the title ("Robots and Inflation" reads as two names, as a title may)
        reading.title, reading.authors = reading.authors, None
    _not_its_own_venue(reading)
    warnings.extend(_stray_text_warnings(segs[first_link:], pre))
    return reading


def long_title_warning(reading: Reading) -> str | None:
    """Why an entry's title is suspect when it is longer than titles are (lines that ran
    together), else None. Asked of entries only: a field's text (an abstract quoted under
    "- Abstract：") may be long."""
    if reading.field_key is None and len(reading.title) > _LONG_TITLE:
        return f"title is {len(reading.title)} characters long: lines run together?"
    return None


def cited_short_name(named: Reading, citation: Reading) -> str:
    """The short name an entry gives the paper ("PVANET"; "SPP" of "SPP, Microsoft Research";
    "R-CNN" of "R-CNN, UC Berkeley" read as people) when ``citation``, a line under it, is a
    whole reference of that paper with its title and authors or year ("Kaiming He, …, Spatial
    Pyramid Pooling in …, ECCV, 2014."); else ""."""
    if citation.field_key or not citation.title or citation.venue_tag:
        return ""
    if named.title and named.authors:
        return ""
    short = named.title or named.authors or ""
    name = short.split(",", 1)[0].strip()
    # the name's words, not its remark ("Microsoft (Deep Residual Learning)"); of organisations
    # ("Virginia Tech / MSR", "Idiap / EPFL / Facebook"), the longest one's
    words = max(([w for w in part.split() if any(c.isalnum() for c in w)]
                 for part in _PARENTHESES_RE.sub(" ", name).split("/")), key=len)  # fmt: skip
    if not name or len(words) > 3 or compact(citation.title) == compact(short):
        return ""
    # People (two names at least: "Wang et al." in a sentence is a note's), or the name
    # leading a dated title ("OverFeat: Integrated …, ICLR, 2014.")
    authors = citation.authors or ""
    people = "," in authors or " and " in authors
    led = citation.year is not None and compact(citation.title).startswith(compact(name))
    if not (people or led):
        return ""
    cited = _cites_venue(citation, linked=bool(named.links))
    if cited is not None and cited[1] == citation.title:
        return ""  # "D Kim, G Ryu, ***Applied Energy***, 2024": the "title" is the venue
    # A name of a word or two ("VGG-Net", "SPP, Microsoft Research"), or one the title holds
    # ("Inside-Outside Net"): "Widget Load Forecasting" is a title already
    short_enough = len(words) <= 2 or compact(name) in compact(citation.title)
    return name if short_enough else ""


def names_only(text: str) -> str | None:
    """The authors a line names when it names only them ("Lina Chen+, George Pap+, Kevin Moor
    (+ equal contribution)", "Frank Chollet"), cleaned of their marks; else None."""
    names = _EQUAL_CONTRIBUTION_RE.sub("", text).replace("+", "").strip(" .,;")
    if names and (looks_like_authors(names) or _one_name(names)):
        return clean_authors(names)
    return None


# "(+ equal contribution)", "(* equal contribution)": a note on the marks after the names
_EQUAL_CONTRIBUTION_RE = re.compile(r"\s*\([^()]*\bequal\b[^()]*\)", re.I)


def _not_its_own_venue(reading: Reading) -> None:
    """A "venue" that is the entry's own name names a dataset or a tool, not where it was
    published: "[MOSES](…) `MOSES 2020`" (the year stays: the release's), "[ZINC 15](…) `ZINC
    15`" (the number is the version's: no year either). A known venue's own page keeps it
    ("[CVPR 2023](…)")."""
    venue = reading.venue
    if venue is None or not reading.title or any(is_venue_word(w) for w in venue.split()):
        return
    name = compact(reading.title.split(":", 1)[0])
    own = compact(venue)
    if name == own:
        reading.venue = None
    elif reading.year is not None and name == own + str(reading.year)[2:]:
        # ("BioNLP 2019: Proceedings of …" may be the workshop's own volume: left as read)
        reading.venue = reading.year = reading.month = None


def _same_words(a: str, b: str) -> bool:
    """`compact(a) == compact(b)`, the lengths compared first (asked on a hot path)."""
    return abs(len(a) - len(b)) < _SAME_WORDS_SLACK and compact(a) == compact(b)


_SAME_WORDS_SLACK = 6  # brackets, marks and spaces around the same words


def compact(text: str) -> str:
    """Letters and digits alone, case folded: "ZINC-15" and "zinc 15" are one name."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _tab_fields(text: str) -> list[str]:
    """ "Taming VAEs.⇥Rezende, Viola⇥": the title and its fields, when tabs part them (a title
    of two words at least that ends a sentence, or authors after it); none when the tabs are
    whitespace ("Tabbed⇥Entry", "**[Tag]**⇥Authors. Title.")."""
    fields = [f.strip() for f in text.split("\t") if f.strip()]
    if len(fields) < 2 or len(fields[0].split()) < 2 or fields[0][:1] in "[(*":
        return []
    if not (
        fields[0].endswith(".")
        or _SURNAMES_RE.fullmatch(fields[1])
        or looks_like_authors(fields[1])
    ):
        return []
    return [fields[0].rstrip("."), *fields[1:]]


def _field_lines(text: str, head: Sequence[Seg], *, hard_breaks: bool) -> list[str]:
    """The lines below a bullet's first line that end ``text``, when each of them is a field
    (authors, a venue, a date) and no punctuation parts them from the title; none when not.
    A title wrapped onto a second line ("A Study of⏎Neural Nets") stays whole: below a soft
    line break only a list of authors, a venue or a date counts, not one name."""
    if not head or head[0].line == head[-1].line:
        return []  # one line, the usual case
    by_line: dict[int, list[str]] = {}
    for seg in head:
        if seg.kind == "text":
            by_line.setdefault(seg.line, []).append(seg.text)
    if len(by_line) < 2:
        return []
    below = [squash("".join(by_line[line])) for line in sorted(by_line)[1:]]
    # not the "[" before a link; "ACL 2021" and "2022" are lines of their own
    below = [line for line in below if any(ch.isalnum() for ch in line)]
    joined = " ".join(below)
    if not below or not text.endswith(joined) or not _has_words(text[: -len(joined)]):
        return []
    for line in below:
        field = line.strip(" .,;")
        if not (
            looks_like_authors(field)
            or looks_like_venue_or_date(field)
            or (hard_breaks and _one_name(field))
        ):
            return []
    return below


def _fields_from_labels(reading: Reading, after: Sequence[Seg], current_year: int) -> None:
    """The venue and year a link's label gives in parentheses ("[Paper (ICML 2021)](…)",
    "[Publication (2022)](doi)"), when the text gives none: a label that names the kind of link
    and, beside it, where or when the work appeared."""
    for seg in after:
        label = squash(seg.text) if seg.kind == "link" else ""  # "[ AAMAS  2018 ](…)" too
        if (
            label
            and reading.venue is None
            and not reading.venue_tag
            and reading.title_marked
            and label != reading.title
            and _VENUE_LABEL_RE.fullmatch(label) is not None
            and label.split(" ", 1)[0] not in ("A", "An")  # "A Review of …": a title
            and not is_generic_label(label)
            and is_paperish(seg.url, label)
            and _names_a_venue(label)
        ):  # "**Title**, Yang et al., [IEEE Signal Processing Letters](paper)": the paper's
            # link, named by where it appeared
            reading.venue = normalize_venue(label)
            return
        if (
            label
            and reading.venue is None
            and not reading.venue_tag
            and (linked := _LINKED_VENUE_RE.fullmatch(label)) is not None
            and linked["name"].lower() not in _NOT_VENUE_BADGES  # "HF 2026": a kind of link
            and (len(linked["year"]) == 4 or looks_like_venue_or_date(linked["name"]))
            and (
                looks_like_venue_or_date(label)
                # "[Computer Graphics Forum 2021](…)"; not "[Learn2Reg 2024](…)", the work's
                # own link and title
                or (_names_a_venue(linked["name"]) and label != reading.title)
            )
            and None not in (named := split_venue_tag(label, current_year))
        ):  # "**[[CVPR 22](…)]** Title": the venue's tag is a link to the paper ("ZINC 15" is
            # a dataset's version: a year of two digits only after a venue's known name)
            reading.venue = named[0]
            reading.year = reading.year if reading.year is not None else named[1]
            return
        if not label.endswith(")") or "(" not in label:
            continue
        inside = label[label.rindex("(") + 1 : -1].strip()
        if not looks_like_venue_or_date(inside) or not is_generic_label(label):
            continue
        year = date_parts(inside)[0]
        if year is None:
            venue, year = split_venue_tag(inside, current_year)
            if reading.venue is None and not reading.venue_tag:
                reading.venue = venue
        reading.year = reading.year if reading.year is not None else year
        return


# A link's label that is only a venue and its year: "RAL 23", "CVPR 2022", "ICCV'19" (not
# "LUNA16", a dataset, nor "Medical VQA (Zhu)").
_LINKED_VENUE_RE = re.compile(
    r"(?P<name>(?:[A-Z]|arXiv|\d[A-Z])[\w&-]*(?: [A-Z][\w&-]*){0,3})(?: |\s?['’])"
    r"(?P<year>(?:19|20)?\d{2})"
)  # "arXiv 2016", "3DV 2021" too
# A venue's name as a link's label: capitalised words (and the joiners of names), abbreviated
# or not, eight at most: "IEEE Signal Processing Letters", "ACM Trans. Multim. Comput. Appl.".
_VENUE_LABEL_RE = re.compile(
    r"(?:[A-Z][\w&./-]*)(?: (?:[A-Z][\w&./-]*|of|on|and|in|for|the|&)){1,7}"
)
_BADGE_NAME_DATE_RE = re.compile(r"(?P<name>[A-Za-z][A-Za-z&]+) (?:19|20)\d{2}(?:[.-]\d{1,2})?")
# Badges with a date that say when or what a link is, not where the work appeared.
_NOT_VENUE_BADGES = frozenset({"updated", "update", "date", "release", "released", "version",
                               "license", "downloads", "stars", "commits", "python", "year",
                               "url", "link", "website", "web", "homepage", "home", "blog",
                               "project", "code", "github", "demo", "dataset", "data", "model",
                               "huggingface", "hf", "slides", "video", "talk", "news",
                               "twitter"})  # fmt: skip


def _venue_from_badges(reading: Reading, segs: Sequence[Seg], current_year: int) -> None:
    """The venue and year a badge shows ("![ICML](…/badge/ICML-2021-red)"), when the text names
    none: many lists write an entry's venue only so."""
    for seg in segs:
        if seg.kind != "image":
            continue
        words = badge_words(seg.url)
        if words is None or not HAS_YEAR_RE.search(words):
            continue
        if words.split()[0].lower() in _NOT_VENUE_BADGES:
            continue  # "URL-2025.06", "HF-2026": the kind of link, dated
        named = _BADGE_NAME_DATE_RE.fullmatch(words)  # "npjCM-2025.02": a journal's short name
        if not looks_like_venue_or_date(words) and named is None:
            continue
        venue, year = split_venue_tag(words, current_year)
        reading.venue = venue
        reading.year = reading.year if reading.year is not None else year
        return


def _title_after_links(
    reading: Reading, after: Sequence[Seg], leftovers: list[str], italic: tuple[str, ...] = ()
) -> list[Seg]:
    """ "[[pdf](…)] (NOV2019) Title of the paper": links first, whose labels name nothing, then
    the title. Takes the title (and tags) off the text after the links into ``reading``; the
    rest goes to ``leftovers``. Returns the segments left for the fields: the links alone."""
    # Tags after the title ("[__`seg.`__ __`aut.`__] :fire:") are the list's marks, not words
    # of the title
    text = _TRAILING_SHORTCODES_RE.sub("", _trailing_text(
        [s for s in after if not (s.style == "code" and " " not in s.text.strip())]
    ))  # fmt: skip
    tag, text = _split_tag(text, "")
    title, tail = _split_pieces(text, italic)
    title = _strip_title(title)
    bold = any(s.kind == "text" and s.style == "strong" and squash(s.text) == title for s in after)
    words = len(title.split())
    if words == 1 and len(title) >= 4 and _HAN_RE.search(title):
        words = 2  # "2023年顶会、顶刊SNN相关论文": Chinese and Japanese do not space their words
    if not (2 <= words <= SENTENCE_WORDS or (bold and words == 1)):
        return list(after)  # a word, or a sentence: a note on the links, not a title
        # (but "[![HF 2026](…)](…)<br>**Lark-Doc-1B**": a name the list sets in bold)
    reading.title = title.rstrip(".")
    if tag is not None:
        year, month = date_parts(tag)
        if year is not None:
            reading.year, reading.month = year, month
        else:
            reading.venue_tag = tag
    leftovers.extend(tail)
    return [s for s in after if s.kind != "text"]


# GitHub's emoji codes ending the text: ":fire: :star:"
_TRAILING_SHORTCODES_RE = re.compile(r"(?:\s*:[a-z0-9_+-]+:)+\s*$")
# An acronym, as venues are named: "3DV", "RA-L", "TPAMI" (two capitals at least).
_ACRONYM_LABEL_RE = re.compile(r"(?=(?:[a-z0-9-]*[A-Z]){2})[A-Za-z0-9-]{2,10}")


def _names_venue_before_title(label: str) -> bool:
    """The label of a link before a title names its venue: "CVPR", "3DV", "ICCV 2019" (not
    "pdf", "code", "PyTorch": the kind of link; not "[SINE'21]": the paper's nickname)."""
    text = label.strip()
    words = _WORD_RE.findall(text.lower())
    if not words or text[:1] == "[" or any(w in _GENERIC_WORDS for w in words):
        return False
    return looks_like_venue_or_date(text) or _ACRONYM_LABEL_RE.fullmatch(text) is not None


def _quotes_a_title(before: str) -> bool:
    """Whether quote marks after ``before`` hold the title: nothing before them, or authors
    ('A. Author, B. Author, "Title," …'), or a finished piece ('Authors. "Title." Venue')."""
    before = before.strip()
    return (
        not before
        or before.endswith((",", ".", ":", ";"))
        or _authors_and_date(before.strip(" ,.;:"))
        or _only_tags(before)
    )


def _authors_and_date(text: str) -> bool:
    """An author list, with perhaps a year or venue after it: "A. Author, B. Author. 2015."."""
    if looks_like_authors(text):
        return True
    pieces = _trimmed_pieces(text)
    return len(pieces) > 1 and looks_like_authors(pieces[0]) and all(
        looks_like_venue_or_date(p) for p in pieces[1:]
    )


def _comma_tail(text: str) -> tuple[str, list[str]] | None:
    """(title, fields) when a title ends in ", 2023.11", ", SIGIR 2023" or ", arXiv, 2020" (a
    date, or a venue with its year, after its last comma, outside parentheses), else None."""
    if looks_like_authors(text.split(",", 1)[0]):
        return None  # "Karen Smith and Andrew Jones, Title, ICLR, 2015.": a whole citation
    if text.endswith(".") and text[-2:-1].isdigit():
        text = text[:-1]  # "…, ICLR, 2014.": the full stop ends the line, not the year
    dated = _TITLE_COMMA_DATE_RE.fullmatch(text)
    if dated is not None:
        head, last = dated["title"], dated["date"]
    else:
        head, _, last = text.rstrip(" ,").rpartition(",")
        last = last.strip()
        framed = _IN_NAMED_YEAR_RE.fullmatch(last)
        if framed and head.strip():
            # "…, in *Geoscientific Model Development* 2023", "…, in *32nd ACM Conference on
            # … (CIKM)* 2023": ", in" then a name and a year say where it appeared, whatever
            # the name
            return head.rstrip(), [framed["where"]]
        core = without_presentation(last) if "(" in last else last  # "CVPR 2019(oral)"
        one_field = not any(mark in core for mark in ("(", ")", ". "))
        dated_tag = HAS_YEAR_RE.search(last) or _YEAR_TAG_RE.search(last)  # "2023", "AAAI'24"
        # "…, Arxiv": a preprint server's name alone, no year
        if not (head.strip() and one_field and (dated_tag or _is_preprint(core))):
            return None
        where = last[3:] if last.startswith("in ") else ""
        if where and (looks_like_venue_or_date(where) or _venue_named_with_year(where)):
            last = where  # "…, in *Knowledge-Based Systems* 2022": where it was published
        elif not looks_like_venue_or_date(last):
            return None
    before, _, venue = head.rpartition(",")
    if dated is not None and before.strip() and _is_venue_name(venue):
        return before.rstrip(), [venue.strip(), last]  # "…, arXiv, 2020"
    title, stop, name = head.rpartition(". ")
    if stop and title.strip() and BARE_YEAR_RE.fullmatch(last.rstrip(" .")) and (
        _is_venue_name(name)
        or _ACRONYM_WORD_RE.fullmatch(name) is not None  # "ICME", not "Part II"
        or read_citation(f"{name}, {last}") is not None
    ):  # "Title. IEEE Transactions on Multimedia, 2020", "Title. SIGMOD, 2019": one field
        return title.rstrip(), [f"{name.strip()}, {last}"]
    return head.rstrip(), [last]



# "in Geoscientific Model Development 2023": where (capitalised, or an ordinal), then a year
_IN_NAMED_YEAR_RE = re.compile(
    r"in (?P<where>(?:[A-Z]|\d{1,3}(?:st|nd|rd|th) )[^,;]{2,150}? (?:19|20)\d{2})\.?"
)


def _is_venue_name(text: str) -> bool:
    """ "arXiv", "NeurIPS": a venue's known name on its own, with no year."""
    words = text.split()
    return len(words) == 1 and looks_like_venue_or_date(words[0]) and "(" not in text


def _names_in_a_label(piece: str, label: str) -> bool:
    """A list of authors after the title in a link's label ("[Title. EMNLP 2015. Luo, Yuanfei
    and Guo, Li.](…)"): names parted by commas, or "et al"; not a quoted reference's."""
    return (
        ("," in piece or "et al" in piece)
        and '"' not in label
        and "“" not in label
        and looks_like_authors(piece)
    )


def _labels_the_link(text: str, bold: str, first: Sequence[Seg]) -> bool:
    """ "**Binary images**, [An attention fusion network for …](paper)": a bold label (the
    list's kind of method) and a comma, then the paper's link named by its title."""
    return (
        text.rstrip(" ,") == bold
        and text.rstrip().endswith(",")
        and len(bold.split()) <= _BUTTON_WORDS
        and bool(first)
        and names_a_work(first[0].text)
        and is_paperish(first[0].url, first[0].text)
    )


def _names_the_link(text: str, first: Sequence[Seg]) -> bool:
    """ "CPC:", "🌟 wav2vec-U:" before a link that names a work (``first``: the first link, if
    any): the list's short name for the work whose title the link carries."""
    return (
        text.endswith((":", "："))
        and len(text.split()) <= _BUTTON_WORDS
        and bool(first)
        and names_a_work(first[0].text)
    )


def _author_year(label: str) -> tuple[str, int] | None:
    """("Doe et al.", 2017) for a link labelled "Doe et al. 2017", "Roe and Poe 1981" or
    "Perelson (2002)": surnames and a year, as a citation names a work."""
    m = _AUTHOR_YEAR_RE.fullmatch(label.strip())
    if m is None or looks_like_venue_or_date(label):
        return None  # "MLSys 2025" names a venue
    if any(is_venue_word(word) for word in m["authors"].replace(",", " ").split()):
        return None  # "Widget Nets, NeurIPS 2020": a title, then where and when
    return m["authors"].strip(" ,."), int(m["year"])


_WORDS_RE = re.compile(r"[\s-]+")
_YEAR_SPAN_RE = re.compile(r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)?\d{2}")


_GLUED_SHORT_YEAR_RE = re.compile(r"(?P<name>[A-Za-z][\w-]*?[A-Za-z])\d{2}")  # "HOPV15"
_TITLE_TAG_END_RE = re.compile(r"(?P<title>.+?\w[?!.]?)\s*[(（](?P<tag>[^()（）]{2,40})[)）]")


def title_and_tag(title: str) -> tuple[str, str] | None:
    """(title, tag) of a title that ends in a venue and its year in parentheses ("Widget KB
    (KDD'22)", "Dos and Don'ts of Widgets (USENIX Security 2022)"); None for any other
    parentheses ("(Extended Abstract)", "(2016)", a nickname)."""
    m = _TITLE_TAG_END_RE.fullmatch(title.strip())
    if m is None or len(m["title"].split()) < 2 or not looks_like_venue_or_date(m["tag"]):
        return None
    glued = _GLUED_SHORT_YEAR_RE.fullmatch(m["tag"])
    if _citation_key(m["tag"]) or (glued and not is_venue_word(glued["name"])):
        return None  # "dataset (HOPV15)", "(Smith2020)": a name, not where it appeared
    venue, year = split_venue_tag(m["tag"])
    return (m["title"], squash(m["tag"])) if venue and year is not None else None


def _label_comma_tail(title: str) -> tuple[str, list[str], str | None] | None:
    """(title, [venue, year] or [author, year], a venue named by its shape) of a link's label
    that ends in where and when
    it appeared after commas ("Title, SIGMOD, 2008", "Title, 2014, SIGMOD", "Title, NeurIPS
    2020"), or who wrote it and when ("Title, Alan Fekete, 2005"); a year is among them, and
    the title keeps two words at least. None for any other label."""
    parts = title.split(", ")
    tail: list[str] = []
    named: str | None = None  # a venue known by its name's shape only, not by the pieces' rules
    while len(parts) > 1 and len(tail) < 2:
        piece = parts[-1].strip(" .")
        if _YEAR_SPAN_RE.search(piece) or any(ch.isdigit() for ch in HAS_YEAR_RE.sub("", piece)):
            break  # "…, 1929-1933" (the title's period), "…, 227 (2020)" (a volume and pages)
        dated = bool(tail) and BARE_YEAR_RE.fullmatch(tail[0].strip(" .")) is not None
        if looks_like_venue_or_date(piece) or (tail and _one_name(piece)):
            tail.insert(0, parts.pop())
        elif dated and (_named_like_a_venue(piece) or read_citation(f"{piece}, 2000")):
            # "…, PODS, 1998", "…, ACM Transactions on Database Systems, 1983": a venue by its
            # name's shape, where a year follows it
            named = parts.pop().strip(" .")
            break
        else:
            break
    head = ", ".join(parts).strip()
    if not tail or not any(HAS_YEAR_RE.search(piece) for piece in tail):
        return None
    if head.count("(") != head.count(")") or head.count("[") != head.count("]"):
        return None  # "MiniMax-Speech (MiniMax, 2025)": the comma is inside the brackets
    if len(_WORDS_RE.split(head)) < 2 or looks_like_venue_or_date(head):
        return None  # ("Making-Snapshot-Isolation-Serializable" is a title of four words)
    return head, tail, named


def _one_author_and_date(text: str) -> str:
    """The name in "David Chiang. 2007." (a name, then a year and perhaps a venue), else "".
    Asked only before a link that names a work: "Information Extraction (IEEE …, 2015)" before
    "[paper](…)" is a title."""
    if HAS_YEAR_RE.search(text) is None:
        return ""  # the usual case, a title: no year, no reference
    pieces = _trimmed_pieces(text)
    if (
        len(pieces) > 1
        and _one_name(pieces[0])
        and all(looks_like_venue_or_date(p) for p in pieces[1:])
        and any(HAS_YEAR_RE.search(p) for p in pieces[1:])
    ):
        return pieces[0]
    return ""


def _one_author_before_link(text: str, first: Sequence[Seg]) -> str:
    """ "Kryjak T, [Title](…)", "David Chiang, [Title](…)": one author, a comma, then the
    work's link named by its title (``first``: the first link, if any); else ""."""
    name = text.strip()
    if not name.endswith(",") or not first:
        return ""
    name = name[:-1].strip()
    label = first[0].text.strip()
    if len(label.split()) >= 2 and not is_generic_label(label) and _one_name(name):
        return name
    return ""


def _one_name(text: str) -> bool:
    """One person's name, as references write it: "David Chiang", "L. R. Rabiner", "Doe, Jane".
    Said only where a reference puts its authors (before a year and a linked title, before a
    quoted title, in italics): elsewhere two capitalised words are as likely a title."""
    if _ONE_NAME_RE.fullmatch(text) is None and _INVERTED_NAME_RE.fullmatch(text) is None:
        return False
    if any(_ACRONYM_WORD_RE.fullmatch(w) for w in text.split()):
        return False  # "Human-aware TEB": a method's name
    words = [w.lower().strip(".,") for w in text.split()]
    return not _has_title_word(text) and not any(
        w in _GENERIC_WORDS or w in _CONNECTORS or w in _NOTICE_WORDS for w in words
    )  # "Code Coming Soon" is a notice, "Paper Link" a label


def _trimmed_pieces(text: str) -> list[str]:
    pieces = [p.strip(" .,;:()") for p in _pieces(text)]
    return [p for p in pieces if p]


def _only_tags(text: str) -> bool:
    """Text that is only bracketed tags and punctuation: "(ORCA-DD)", "[MBIE] <", "<"."""
    if text[:1].isalnum():
        return False  # the usual case, a title: decided by its first letter
    return not any(ch.isalnum() for ch in _WRAPPED_RE.sub("", text))


def _colon_after(head: Sequence[Seg], seg: Seg) -> bool:
    """The text right after ``seg`` starts with a colon ("**Comments**: …")."""
    k = next(i for i, s in enumerate(head) if s is seg)
    nxt = head[k + 1] if k + 1 < len(head) else None
    return nxt is not None and nxt.style != "strong" and nxt.text.lstrip().startswith((":", "："))


def _bold_run(head: Sequence[Seg], start: Seg) -> str:
    """The bold text from ``start`` on, across line breaks: a bold title may wrap."""
    k = next(i for i, s in enumerate(head) if s is start)
    parts = [start.text]
    for seg in head[k + 1 :]:
        if seg.kind == "break" or seg.style == "strong":
            parts.append(seg.text)
        else:
            break
    return "".join(parts)


def _badge_follows(segs: Sequence[Seg], k: int) -> bool:
    """The link at ``k`` shows a badge (its image label follows it)."""
    return k + 1 < len(segs) and segs[k + 1].kind == "image" and is_badge(segs[k + 1].url)


def _title_link(after: Sequence[Seg], buttons: Sequence[Seg] = ()) -> Seg | None:
    """The link whose text names the work: the first paper link with a text of its own, else
    the first link with one. Labels that only say "Paper" or "arXiv 2023" name nothing, and
    neither do ``buttons``."""
    named = [s for k, s in enumerate(after)
             if s.kind == "link" and not s.autolink and not s.in_code
             and s.text.strip() and not is_generic_label(s.text)
             and not any(s is b for b in buttons)
             # "[![GitHub stars](shields.io/…)](repo)": a badge's words name no work
             and not (s.image_label and _badge_follows(after, k))]  # fmt: skip
    if len(named) > 1:  # "[**Meadow-CD**](code), … Paper: [Smith et al.2022](arXiv)": the
        # citation names the paper by its authors; the other link names the work
        titled = [s for s in named if not _cites_by_authors(s.text)]
        named = titled or named
    papers = [s for s in named if is_paperish(s.url, "")]
    return papers[0] if papers else (named[0] if named else None)


_ARXIV_ID_YEAR_RE = re.compile(
    r"(?:arxiv\.org/abs/|arXiv:)(?P<yy>\d{2})(?:0[1-9]|1[0-2])\.\d{4,5}", re.I
)


_TRAILING_BRACKET_TAG_RE = re.compile(r"\s*[\[【](?P<tag>[^\[\]【】]{2,40})[\]】]$")


def _leading_code_tags(head: list[Seg]) -> tuple[list[str], list[Seg]]:
    """(tags, the rest) of a head that opens with one-word spans set as code, when words
    follow them: "**`Learning`** **`RAL`** RINet: …" -> (["Learning", "RAL"], "RINet: …")."""
    k, tags = 0, []
    while k < len(head):
        seg = head[k]
        if seg.style == "code" and seg.text.strip() and " " not in seg.text.strip():
            tags.append(seg.text.strip())
        elif seg.text.strip():
            break
        k += 1
    rest = "".join(s.text for s in head[k:])
    if not tags or not _has_words(rest) or rest.lstrip()[:1] in (":", "：", "-", "–", "—"):
        return [], head  # "`aeon`: A toolkit for …": the work's name, then what it is
    return tags, head[k:]


def _arxiv_id_tag(segs: Sequence[Seg]) -> tuple[int, list[Seg]] | None:
    """(year, segments with the id moved after the title) of an entry tagged by its arXiv id
    in brackets, "【arXiv:1903.00100】Title" (the id is read as a link of its own), else None."""
    if len(segs) < 3 or segs[0].kind != "text" or segs[0].text.strip() not in ("【", "["):
        return None
    link, rest = segs[1], segs[2]
    if link.kind != "link" or not link.autolink or rest.kind != "text":
        return None
    after = rest.text.lstrip()
    dated = _ARXIV_ID_YEAR_RE.search(link.url)
    if after[:1] not in ("】", "]") or dated is None:
        return None
    title = Seg("text", after[1:], rest.line, style=rest.style)
    return 2000 + int(dated["yy"]), [title, *segs[3:], link]


def _bracketed_words(segs: Sequence[Seg]) -> list[Seg]:
    """Links of one word set in brackets as buttons are: "[[3DV](…)] Title. [[extension](…)]"
    names a venue and a kind of link, not the work."""
    return [
        seg
        for before, seg, after in zip(segs, segs[1:], segs[2:], strict=False)
        if seg.kind == "link"
        and " " not in seg.text.strip()
        and before.kind == "text"
        and before.text.endswith("[")
        and after.kind == "text"
        and after.text.startswith("]")
    ]


def _cites_by_authors(label: str) -> bool:
    """ "Smith et al.2022", "Jones et al.", "Doe and Roe 2019": a citation, not a title."""
    text = label.strip()
    return "et al" in text and (
        _ET_AL_LABEL_RE.fullmatch(text) is not None
        or _author_year(text.replace("al.", "al. ")) is not None
    )


def _italic_runs(segs: Sequence[Seg]) -> tuple[str, ...]:
    """The texts set in italics, a run across a line's end whole ("*Ana Lima, Bo Chen, Diaz,"
    then "Cara*, Energies, 2023": one list of names). Only text segments have a style."""
    runs: list[str] = []
    joined = False  # the last run may go on after a soft break
    for seg in segs:
        if seg.style == "em":
            if joined and runs:
                runs[-1] = f"{runs[-1]} {seg.text}"
            else:
                runs.append(seg.text)
            joined = True
        elif not (joined and seg.kind == "break" and seg.text == " "):
            joined = False
    return tuple(runs)


def _fill_fields(
    reading: Reading,
    leftovers: list[str],
    after: Sequence[Seg],
    current_year: int,
    italic: tuple[str, ...] = (),
) -> None:
    """Authors, venue, date and description from what is not the title or a link."""
    trailing = _trailing_text(_labelled_lines_taken(reading, _titled_line_taken(reading, after)))
    if not trailing and not any(p.strip() for p in leftovers):
        return  # "Title [[Paper](…)] [[Code](…)]": nothing beside the title and the links
    pieces = [p for text in leftovers for p in _field_pieces(text)]
    pieces.extend(_field_pieces(trailing))
    description: list[str] = []
    if italic:
        pieces = [part for piece in pieces for part in _around_italic_names(piece, italic)]
    pieces = _venue_before_publisher(reading, pieces)  # first: "Springer, Cham" is no person
    pieces = [part for piece in pieces for part in _authors_then_venue(piece) if part]
    one_name_only = False  # the authors are one name, read from where it stands
    for k, piece in enumerate(pieces):
        if one_name_only and _in_italics(piece, italic) and looks_like_authors(piece):
            # "… `CICM 2018` [[paper](…)] [NL, Mizar]" then "*Wang, Qingxiang and Urban, Josef*":
            # the italic list of names is the authors, the one "name" beside the venue a tag
            description.append(reading.authors or "")
            reading.authors, one_name_only = piece, False
            continue
        if ")" in piece and (acronymed := _acronym_venue_year(piece)) is not None:
            reading.venue = _published_over_preprint(reading.venue, acronymed[0])
            reading.year = reading.year if reading.year is not None else acronymed[1]
            continue
        # One author where references set one apart: "*Roe, John.* **Title**", "Title | Ross
        # Girshick | ICCV' 15", "Mask R-CNN (2017), K. He." (in italics, or beside a date)
        by = piece[3:].strip() if piece.startswith("by ") else ""  # "by Duncan J. Watts (2004)"
        if by and (by_year := _BY_YEAR_RE.fullmatch(by)) is not None:
            # "by Hawkins & Blakeslee (2004) - a book …": the piece was cut at the dash
            by, piece = by_year["names"], f"by {by_year['names']}"
            reading.year = reading.year if reading.year is not None else int(by_year["year"])
        if reading.authors is None and not _only_an_organisation(piece) and (
            looks_like_authors(piece)
            or (by and (looks_like_authors(by) or _one_name(by) or _BY_SURNAME_RE.fullmatch(by)))
            or (_in_italics(piece, italic) and _surnames_joined(piece))  # "_Zhang and Yan_"
            or (
                _one_name(piece)
                and (
                    _in_italics(piece, italic)
                    or _dated(pieces[k + 1 : k + 2])
                    or (k > 0 and _dated(pieces[k - 1 : k]))
                    or _set_as_a_reference(piece, pieces[k + 1 : k + 2], italic)
                )
                and read_citation(piece, italic=True) is None  # "*JAMA Psychiatry*"
            )
        ):
            reading.authors = _BY_RE.sub("", piece, count=1).strip()
            one_name_only = not by and not looks_like_authors(piece)
        elif (volume_year := read_journal_volume_year(piece)) is not None:
            # "Journal of Computational physics 378 (2019): 686-707" (MLA, after a "<br>")
            reading.venue = _published_over_preprint(reading.venue, volume_year[0])
            reading.year = reading.year if reading.year is not None else volume_year[1]
        elif (workshop := _VENUE_YEAR_COLON_RE.match(piece)) and is_venue_word(workshop["venue"]):
            # "KDD 2017: Anomaly Detection in Finance" after the title: a venue's workshop
            venue, year = split_venue_tag(piece, current_year)
            reading.venue = _published_over_preprint(reading.venue, venue)
            reading.year = reading.year if reading.year is not None else year
        elif looks_like_venue_or_date(piece):
            year, month = date_parts(piece)
            if year is None:
                venue, year = split_venue_tag(piece, current_year)
                preprint = reading.venue is not None and _is_preprint(reading.venue)
                reading.venue = _published_over_preprint(reading.venue, venue)
                if preprint and year is not None and not _is_preprint(reading.venue or "arXiv"):
                    reading.year = year  # "arXiv 2108; USENIX Security 2022": published in 2022
            reading.year = reading.year if reading.year is not None else year
            if reading.month is None and reading.year == year:
                # (not "ICLR 2023" and "17 Oct 2022": the preprint's month, another year's)
                reading.month = month
        elif (cited := read_citation(piece, italic=_in_italics(piece, italic),
                                     dated=_italic_with_year(piece, italic))) is not None or (
            ". " in piece and (cited := _abbreviated_venue(piece)) is not None
        ):
            journal, year = cited  # "npj Digital Medicine, 2023", "2023;25:e12345"
            reading.venue = _published_over_preprint(reading.venue, journal)
            reading.year = reading.year if reading.year is not None else year
        elif (named := _VENUE_COMMA_YEAR_RE.fullmatch(piece)) and _named_like_a_venue(
            named["venue"]
        ):  # "Computers & Security, 2024", "S&P, 2023": a venue not known by its words
            reading.venue = _published_over_preprint(reading.venue, named["venue"])
            reading.year = reading.year if reading.year is not None else int(named["year"])
        elif piece.startswith(_PROCEEDINGS_STARTS) and (
            dated := _YEAR_AT_END_RE.search(piece)
        ):  # "Proceedings of the 39th International Conference on Machine Learning (ICML), 2022"
            reading.venue = _published_over_preprint(
                reading.venue, _proceedings_venue(piece[: dated.start()].rstrip(" ,("))
            )
            reading.year = reading.year if reading.year is not None else int(dated["year"])
        elif _venue_named_with_year(piece.strip(" ()")):
            # "(Pattern Recognition, 2023)" after a title; not "(Marco Maronese, 2021)"
            venue, year = split_venue_tag(piece.strip(" ()"), current_year)
            reading.venue = _published_over_preprint(reading.venue, venue)
            reading.year = reading.year if reading.year is not None else year
        elif (
            not reading.venue and (named := _ITALIC_NAME_YEAR_RE.fullmatch(piece))
            and _in_italics(named["name"], italic) and len(named["name"].split()) <= 16
        ):  # "…, in *Geoscientific Model Development* 2023": the name set in italics, its year
            reading.venue = named["name"]
            reading.year = reading.year if reading.year is not None else int(named["year"])
        elif (
            not reading.venue and _in_italics(piece, italic) and _has_words(piece)
            and _only_a_date(pieces[k + 1 : k + 2]) and len(piece.split()) <= _VENUE_WORDS
        ):  # "Doo FX et al. · *Radiology: Artificial Intelligence* · 2026-07-01": set apart in
            # italics between the authors and the date, where a reference names its journal
            reading.venue = piece.strip(" .,;")
        elif _has_words(piece):
            description.append(piece)
    if description:
        reading.description = _join(reading.description, " ".join(description))


_VENUE_WORDS = 8  # more is a sentence, not a journal's name
_ITALIC_NAME_YEAR_RE = re.compile(
    r"(?P<name>(?:\d{1,3}(?:st|nd|rd|th) )?[^\d,;].*?),? (?P<year>(?:19|20)\d{2})"
)  # "Geoscientific Model Development 2023", "32nd ACM Conference on … 2023"


def _only_a_date(pieces: list[str]) -> bool:
    """The piece is a date alone ("2026-07-01", "2025", "Mar 2024"), no venue's name."""
    return bool(pieces) and (year := date_parts(pieces[0])[0]) is not None and (
        not any(ch.isalpha() for ch in pieces[0]) or str(year) in pieces[0]
    ) and split_venue_tag(pieces[0])[0] is None


# "by Helmstaedter (2015)" below a linked title: one surname, as a reading list cites a work
_BY_YEAR_RE = re.compile(r"(?P<names>.+?),? \((?P<year>(?:19|20)\d{2})\)?")
_BY_SURNAME_RE = re.compile(rf"[{_CAP}][\w'’-]+(?: (?:&|and) [{_CAP}][\w'’-]+)?")
_LABEL_AUTHORS_RE = re.compile(rf"\s*[(（](?P<authors>[{_CAP}][\w'’-]+ et al\.?)[)）]$")
_YEAR_PAGES_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*:\s*[eE]?\d+(?:\s*[-–—]\s*\d+)?")


# Words an organisation is named by, never a person: "(*Nanyang Technological University*)",
# "(*Salesforce AI*)" after a title say who made the work, not who wrote it.
_ORGANISATION_RE = re.compile(
    r"\b(?:University|Universit[éàaä]t?|Universidad|Institute|Laboratory|Labs?|College|Academy|Inc|Corp"
    r"|Corporation|Company|Technologies|AI|Google|Microsoft|Meta|Huawei|Alibaba|Tencent|Baidu"
    r"|Amazon|NVIDIA|OpenAI|DeepMind|Samsung|Adobe|ByteDance)\b"
)


def _only_an_organisation(piece: str) -> bool:
    """ "Salesforce AI", "Nanyang Technological University": an organisation alone, not people
    with their affiliations ("Felix Hill (University of Cambridge) et al")."""
    first = piece.split(",", 1)[0]
    return "(" not in piece and "et al" not in piece and _ORGANISATION_RE.search(first) is not None


def _venue_before_publisher(reading: Reading, pieces: list[str]) -> list[str]:
    """ "Proceedings of the 25th international conference on Machine learning", "ACM, 2008:
    1192-1199": a publisher and a year after a name (or the year and pages alone, GB/T 7714's
    "2017: 173-182"); the name is the venue, not the publisher, and the year is its. The pieces
    read so are taken; the others are returned."""
    for k in range(1, len(pieces)):
        year, taken = _publisher_year_at(pieces, k)
        name = pieces[k - 1]
        if year is None and name.startswith(_PROCEEDINGS_STARTS):
            bare = BARE_YEAR_RE.fullmatch(pieces[k])  # "*Proceedings of …* (2023)"
            year, taken = (int(bare["year"]), 1) if bare else (None, 0)
        if year is None or not _has_words(name) or looks_like_authors(name) or _one_name(name):
            continue  # "*Qi Liu*", "IJCAI, 2021": a person before a venue
        if name.count("(") > name.count(")"):
            name += ")"  # "… e-Business Engineering (ICEBE)": trimmed as the piece's edge
        venue = _proceedings_venue(name) if name.startswith(_PROCEEDINGS_STARTS) else name
        reading.venue = _published_over_preprint(reading.venue, normalize_venue(venue))
        reading.year = reading.year if reading.year is not None else year
        return pieces[: k - 1] + pieces[k + taken :]
    return pieces


_PROCEEDINGS_STARTS = ("Proceedings of", "In Proceedings of", "Proc. ")


def _proceedings_venue(name: str) -> str:
    """The venue of "Proceedings of the 39th International Conference on Machine Learning
    (ICML)": its acronym when it gives one, else its name without a leading "In"."""
    acronym = _ACRONYM_IN_PARENTHESES_RE.search(name)
    return acronym.group(1) if acronym else _IN_RE.sub("", name, count=1)


def _publisher_year_at(pieces: list[str], k: int) -> tuple[int | None, int]:
    """The year that pieces[k] (and the next one) give as a publisher's, and how many pieces
    say it: "ACM, 2016" (1), "ACM" "2008: 1192-1199" (2), "2017: 173-182" (1)."""
    piece = pieces[k]
    if (paged := _YEAR_PAGES_RE.fullmatch(piece)) is not None:
        return int(paged["year"]), 1
    if "," in piece:
        return publisher_and_year(piece), 1
    if is_publisher(piece) and k + 1 < len(pieces):
        dated = _YEAR_PAGES_RE.fullmatch(pieces[k + 1]) or BARE_YEAR_RE.fullmatch(pieces[k + 1])
        if dated is not None:
            return int(dated["year"]), 2
    return None, 0



def _dated(pieces: list[str]) -> bool:
    """The piece is a venue or a date (what follows the authors in a reference)."""
    return bool(pieces) and (
        looks_like_venue_or_date(pieces[0])
        or (")" in pieces[0] and read_journal_volume_year(pieces[0]) is not None)
    )  # "J. Behler, Chemical Reviews **121**(16), 10037–10072 (2021)"


def _named_like_a_venue(name: str) -> bool:
    """Capitalised words, few, none a title's or a sentence's: "Computers & Security"."""
    return _capitalised_name(name) and not _one_name(name)  # "Yen-Chen Lin, 2020": a person


def _capitalised_name(name: str) -> bool:
    """Capitalised words, few, none a title's or a sentence's: "Computers & Security", "Solar
    Energy" (or a person: "Marco Maronese")."""
    return 1 <= len(name.split()) <= 6 and _capitalised(name) and not _has_title_word(name)


def _capitalised(name: str) -> bool:
    """Every word capitalised, but for the small words of a name ("Computers & Security",
    "Journal of the ACM")."""
    return all(w[0].isupper() or w in _NAME_SMALL_WORDS for w in name.split())


_NAME_SMALL_WORDS = frozenset({"&", "of", "and", "on", "in", "for", "the"})


def _names_a_venue(name: str) -> bool:
    """A venue by its name: capitalised words none a person's name would be ("Robotica",
    "Foundations and Trends in Databases"), or with a word venues are named by ("Pattern
    Recognition", "Neural Computation"); "Marco Maronese" is a person."""
    words = {w.lower().strip(".,:&-") for w in name.replace("-", " ").split()}
    return _named_like_a_venue(name) or not words.isdisjoint(_VENUE_NOUNS)


# Words venues are named by: a journal's (venues.JOURNAL_WORDS), and those of proceedings and
# of fields a journal is named after.
_VENUE_NOUNS = JOURNAL_WORDS | frozenset({
    "recognition", "networks", "computation", "systems", "models", "learning", "intelligence",
    "processing", "robotics", "engineering", "practice", "databases", "applications", "analysis",
    "automation", "control", "vision", "graphics", "language", "languages", "security",
    "privacy", "mining", "retrieval", "management", "software", "knowledge", "neural",
    "workshop", "symposium", "conference", "electronics", "mathematics", "sensing", "genetics",
    "genomics", "bioinformatics", "informatics", "medicine", "physics", "chemistry",
    "statistics", "surveys", "fusion", "ecology", "finance", "econometrics",
})  # fmt: skip


def _published_over_preprint(venue: str | None, other: str | None) -> str | None:
    """The venue an entry names first, unless that is a preprint server and a later piece names
    where it was published ("arXiv 1708; ICCV Workshop 2017")."""
    if venue is None or (other is not None and _is_preprint(venue) and not _is_preprint(other)):
        return other if other is not None else venue
    return venue


def _is_preprint(venue: str) -> bool:
    return venue.lower().startswith(("arxiv", "biorxiv", "medrxiv", "corr", "preprint", "ssrn"))


# A journal, its volume (issue), its pages or article number, and the year in parentheses:
# "Nature 559, 547–555 (2018)", "Chemical Reviews 121(16), 10037–10072 (2021)", "Electronic
# Structure 4, 023004 (2022)"; after a comma or at the start.
_VOLUME_PAGES_YEAR_RE = re.compile(
    r"(?:^|(?<=, ))(?P<journal>[A-Z][^,()\d]{2,80}?)\s+(?P<volume>\d{1,5})"
    r"\s*(?:\(\s*\d{1,5}\s*\))?\s*,\s*[A-Za-z]?\d[\d–—-]*\s*\((?P<year>(?:19|20)\d{2})\)"
)
# What ends an author list where Nature's "Cite this article" puts the journal after it:
# "Gagneur, J. et al. Nat Rev Genet 20, …", "Getz, G. Nature 578, …".
_NAMES_END_RE = re.compile(
    r"(?P<initials>(?:[A-Z]\.(?:-?[A-Z]\.)*\s*)?)(?P<et_al>et al\.\s*)?(?=[A-Z])"
)
_SURNAME_END_RE = re.compile(r"(?:^|,\s)[A-Z][\w'’-]+$")


def _names_before_journal(text: str, cited: re.Match[str]) -> int:
    """How much of a cited journal's name is the end of the author list before it: the last
    author's initials and "et al." ("Eraslan, G., Gagneur, J. et al. Nat Rev Genet 20, 389–403
    (2019)"), or the initials of a surname written first ("Campbell, P.J., Getz, G. Nature 578,
    82–93 (2020)"); not "J. Chem. Phys." after "A. Smith, " (a journal's abbreviation)."""
    journal = cited["journal"]
    if "et al. " in journal:
        return journal.rindex("et al. ") + len("et al. ")
    m = _NAMES_END_RE.match(journal)
    if m is None or not m["initials"]:
        return 0
    before = text[: cited.start()].rstrip(", ")
    return m.end() if _SURNAME_END_RE.search(before) else 0


# "KDD 2017: Anomaly Detection in Finance": a venue, its year, a colon and a workshop's name
_VENUE_YEAR_COLON_RE = re.compile(r"(?P<venue>[A-Za-z]{2,12})\s*['’]?(?:19|20)?\d{2}\s*:\s*\S")
# "(2001): text", "(OSDI 2006) - text": a date or venue in parentheses, then a colon or a dash
_DATE_BEFORE_COLON_RE = re.compile(r"\s*\((?P<field>[^()]{1,40})\)\s*(?:[:：]|\s[-–—])\s+")


# "David L. Dill", "Ann B. C. Lee": a given name, initials of one letter, a surname
_PERSON_WITH_INITIALS_RE = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.)+ [A-Z][\w'’-]+")


def _abbreviated_journal_after_comma(text: str) -> int:
    """Where an abbreviated journal and its year start after a comma ("…, Bo Chen, Front. Big
    Data, 2021."), the text before it holding other fields; 0 when none does."""
    start = text.find(", ")
    while start >= 0:
        rest = text[start + 2 :]
        if ". " in rest and _ABBREVIATED_JOURNAL_RE.match(rest.strip(" ,;")):
            whole = _trim_piece(rest)
            venue = _abbreviated_venue(whole)
            if venue is not None and text[:start].strip(" ,;") and not (
                _PERSON_WITH_INITIALS_RE.fullmatch(venue[0].strip(" ."))
                or all(len(w.strip(".,")) < 3 for w in venue[0].split())
            ):  # (not "…, David L. Dill. 2018", nor APA's "Birt, A. R. (2016)": a person's)
                return start + 2
        start = text.find(", ", start + 2)
    return 0


def _field_pieces(text: str) -> list[str]:
    """The fields of a text beside the title, cut at their separators; a journal abbreviated
    with full stops stays whole ("Geophys. J. Int., 99(2), 321-329"), and so does a journal
    with its volume and year ("Advances in … systems 31 (2018)"). Lines are read apart. Names
    pasted from BibTeX are read as the names they spell ("L{\\"o}ser" is Löser)."""
    if "{" in text and _BIBTEX_ESCAPE_RE.search(text) is not None:
        from enrich.latex import latex_to_text  # pylatexenc, only for the text that needs it

        # Markdown took the backslash of {\"o} as an escape: {"o} is put back first
        text = latex_to_text(_UNESCAPED_ACCENT_RE.sub(r"{\\\1\2}", text))
    if "\n" in text:
        return [piece for line in text.split("\n") for piece in _field_pieces(line)]
    if text[:2].lstrip()[:1] == ">":  # "<br/>> TGRS 2022" in a table's cell: a quote's mark
        text = text.lstrip().removeprefix(">")
    if "et al." in text:  # "Aman Madaan et al.arXiv.": the names end at "et al."
        text = _ET_AL_GLUED_RE.sub("et al. ", text)
    text = _publishers_venue(text)
    # "[Title](…) - J. Chem. Inf. Model. 2015", "… - Lee, Ann; Chen, Bo": the dash parts the
    # fields from the title, and is no part of the first
    text = _LEADING_DASH_RE.sub("", text, count=1) if text[:3].lstrip()[:1] in "-–—" else text
    if text[:3].lstrip().startswith("[") and (kind := _GBT_TYPE_FIRST_RE.match(text)):
        text = text[kind.end() :]  # the kind of work, after a title set apart
    if (
        ". " in text
        and (vancouver := _VANCOUVER_AUTHORS_RE.match(text.lstrip())) is not None
        and not _NAME_GOES_ON_RE.match(text.lstrip(), vancouver.end())
    ):  # "Quang D, Chen Y, Xie X. Bioinformatics, 2015, 31(5): 761-763." after the title: the
        # names end at the last initial's full stop (which no other piece cut ends at); not
        # "Harshith C, Karthik R. Shastry, Manoj Ravindran" (a middle initial)
        return [vancouver["authors"], *_field_pieces(text.lstrip()[vancouver.end() :])]
    if (
        text[:2].lstrip().startswith("(")
        and (lead := _DATE_BEFORE_COLON_RE.match(text))
        and looks_like_venue_or_date(lead["field"])
    ):  # "[Title](…) (2001): Paxos is …": the date, then what the list says of the paper
        return [lead["field"], *_field_pieces(text[lead.end() :])]
    if ")" in text and read_journal_volume_year(text) is not None:
        return [text.strip(" .,;")]
    if ")" in text and (cited := _VOLUME_PAGES_YEAR_RE.search(text)) is not None:
        # "K. T. Butler, …, & A. Walsh, Nature **559**, 547–555 (2018)": the names, then the
        # journal as the physical sciences cite it (volume, pages, the year in parentheses)
        cut = _names_before_journal(text, cited)
        head, rest = text[: cited.start() + cut].strip(" ,;"), text[cited.end() :]
        return [*(_field_pieces(head) if head else []),
                f"{cited['journal'][cut:].strip()} {cited['volume']} ({cited['year']})",
                *(_field_pieces(rest) if rest.strip() else [])]  # fmt: skip
    if ". " in text and (
        _ABBREVIATED_JOURNAL_RE.match(text.strip(" ,;"))
        or _ABBREVIATION_LED_RE.fullmatch(text.strip(" ,;."))
    ):
        whole = _trim_piece(text)
        if _abbreviated_venue(whole) is not None:
            return [whole]
    if ". " in text and (cut := _abbreviated_journal_after_comma(text)):
        # "*Ana Lima, Bo Chen*, Nat. Rev. Phys., 2021.": the names, then the abbreviated journal
        return [*_field_pieces(text[:cut]), _trim_piece(text[cut:])]
    if ")" in text and (named := _ACRONYM_VENUE_YEAR_END_RE.search(text)) is not None:
        # "IEEE Trans. Pattern Anal. Machine Intell. (TPAMI), 2022": one field, its full stops
        # the abbreviations' (what comes before it is read as usual)
        head = text[: named.start()]
        return [*(_field_pieces(head) if head.strip(" .,;") else []), named.group(0).strip()]
    # "Doe JL, Roe CE; 2010/Feb; 38(2):471-6": beside the title, ";" separates fields too, but
    # not the names of one author list ("Mordvintsev, Alexander; Olah, Christopher; Tyka, Mike")
    pieces = [part for p in _pieces(text) if p
              for part in ((_names_of_affiliated(p) or _FIELD_SEMICOLON_RE.split(p))
                           if ";" in p and not looks_like_authors(p.strip(" .,"))
                           else (p,))]  # fmt: skip
    return [trimmed for p in pieces if (trimmed := _trim_piece(p))]


# A venue's name, its acronym in parentheses and the year, at the end of the text: "Neural
# Information Processing Systems (NeurIPS), 2019", "Int. J. Comput. Vis. (IJCV), 2021". The name's
# words are capitalised (abbreviated or not) or the joiners of names.
# A venue's name (its words capitalised, abbreviated or not, or the joiners of names) and its
# acronym in parentheses: the pieces of the two patterns below.
_VENUE_NAME_FIRST = r"(?:IEEE|ACM|[A-Z][A-Za-z-]*\.?)"
_VENUE_NAME_NEXT = r"(?:[A-Z][A-Za-z&-]*\.?|of|on|and|in|for|the|&)"
_ACRONYM_IN_PARENS = r" \((?P<acronym>[A-Z][A-Za-z0-9&-]*[A-Z][A-Za-z0-9&-]*)\)"
_ACRONYM_VENUE_YEAR_END_RE = re.compile(
    rf"(?<![^\s,;])(?P<name>{_VENUE_NAME_FIRST}(?: {_VENUE_NAME_NEXT})*){_ACRONYM_IN_PARENS}"
    r",? ?\(?(?P<year>(?:19|20)\d{2})\)?[.;,]?\s*$"
)


_ACRONYM_NAMED_VENUE_RE = re.compile(  # "…, Speech and Signal Processing (ICASSP)": commas too
    rf"(?P<name>{_VENUE_NAME_FIRST}(?:,? {_VENUE_NAME_NEXT})+){_ACRONYM_IN_PARENS}"
)


def names_venue_by_acronym(r: Reading) -> bool:
    """ "International Conference on Machine Learning (ICML)": a venue's name and its acronym,
    nothing else (the acronym may have been read as the venue) -- a list's key to its
    abbreviations, not a work."""
    if r.year is not None or r.authors:
        return False
    if r.venue is None and _CONFERENCE_NAME_RE.fullmatch(r.title):
        return True  # its acronym read as neither ("… Medical Image Analysis (DLMIA)")
    text = f"{r.title} ({r.venue})" if r.venue and ")" not in r.title else r.title
    named = _ACRONYM_NAMED_VENUE_RE.fullmatch(text.strip())
    return named is not None and _names_a_venue(named["name"])


# A conference's or a journal's full name: "International Conference on Medical Imaging with
# Deep Learning", "Proceedings of Machine Learning Research", "Joint European Conference on …".
_CONFERENCE_NAME_RE = re.compile(
    r"(?:(?:IEEE|ACM|Annual|International|Joint|European|Asian|American|North American) )*"
    r"(?:Conference|Workshop|Symposium|Congress|Proceedings|Journal|Transactions) (?:on|of) "
    r"(?:the )?[A-Z][\w-]*(?:,? (?:[A-Z][\w-]*|of|on|and|in|for|the|with|&))*"
)


def _acronym_venue_year(piece: str) -> tuple[str, int] | None:
    """(venue, year) of "Name (ACRONYM), 2022": the acronym when it is a venue known by it
    ("TPAMI", "NeurIPS"), else the name as written with it ("Pattern Recognition (PR)")."""
    named = _ACRONYM_VENUE_YEAR_END_RE.fullmatch(piece.strip())
    if named is None:
        return None
    name, acronym = named["name"], named["acronym"]
    if not (name.count(".") >= 2 or _names_a_venue(name) or is_venue_word(acronym)):
        return None
    venue = acronym if is_venue_word(acronym) else f"{name} ({acronym})"
    return normalize_venue(venue) or venue, int(named["year"])


def _abbreviated_venue(text: str) -> tuple[str, int | None] | None:
    """(name, year) of a journal cited by its abbreviations, two full stops at least before its
    numbers ("Geophys. J. Int., 99(2), 321-329", "User Model. User-Adapt. Interact., 2017"),
    else None. Not "Widgets Without Links. Quarterly Journal of Economics 124": a title, then a
    journal."""
    digit = next((k for k, ch in enumerate(text) if ch.isdigit()), len(text))
    name = text[:digit].strip(" ,;:(")
    if _ABBREVIATION_LED_RE.fullmatch(text.strip(" ,;.")):  # "Nat. Methods 2019"
        return name, int(text[digit : digit + 4])
    if name.count(".") < 2 or not _ABBREVIATED_JOURNAL_RE.match(text.strip()):
        return None
    cited = read_citation(text)
    if cited is not None and cited[0] is not None:
        return cited[0], cited[1]
    year = HAS_YEAR_RE.search(text[digit:])
    return (name.rstrip(","), int(year.group(0))) if year else None


_FIELD_SEMICOLON_RE = re.compile(r";\s+")
# A name and its year in parentheses, as code sets a venue apart: "Decision Support Systems(2020)"
_NAME_AND_YEAR_RE = re.compile(r"[A-Z][\w&*. -]{0,60}\(\s*(?:19|20)\d{2}\s*\)")


def _names_of_affiliated(text: str) -> list[str] | None:
    """ "Ann Lee, University of Widgets; Bo Chen, Widget Labs": each person with their
    affiliation after a comma, the people parted by ";" -- [the names], else None."""
    names = []
    for part in _FIELD_SEMICOLON_RE.split(text.strip(" .;")):
        name, comma, affiliation = part.partition(", ")
        if not comma or not _ORGANISATION_RE.search(affiliation) or not _one_name(name):
            return None
        names.append(name.strip())
    return [", ".join(names)] if len(names) >= 2 else None


_LEADING_DASH_RE = re.compile(r"^\s*[-–—]\s+")
# BibTeX's accents and quotes: {\"o}, \"{o}, {\v{s}}, {'}
_BIBTEX_ESCAPE_RE = re.compile(r"\{\\|\\[\"'`^~=.vuHcr]\s*\{|\{[\"'`^~=.]\w?\}")
_UNESCAPED_ACCENT_RE = re.compile(r"\{([\"'`^~=.])(\w)\}")
_VENUE_COMMA_YEAR_RE = re.compile(r"(?P<venue>[^,]{1,60}), (?P<year>(?:19|20)\d{2})")
_LEADING_DATE_RE = re.compile(
    r"\s*(?P<date>(?:19|20)\d{2}(?:[./-](?P<month>\d{1,2}))?)\s+(?=\S)"
)
_TITLE_KEYS = frozenset({"title", "paper title", "标题", "题目", "论文标题"})
def _reads_like_prose(text: str) -> bool:
    """A sentence that speaks to the reader or of the list ("we recommend", "you may", "our
    survey"), not a title: its pronouns tell."""
    words = {w.lower().strip(".,:;!?()") for w in text.split()}
    return not words.isdisjoint(_PROSE_WORDS)


_PROSE_WORDS = frozenset({"we", "you", "our", "your", "us", "my", "recommend", "please"})


def _quoted(label: str) -> bool:
    """A label set in quotes whole ('"Ab-Initio Solution of …"'): a title, as prose quotes one."""
    text = label.strip()
    return (
        len(text) > 2 and text[0] in _OPENING_QUOTES and text[-1] in _CLOSING_QUOTES
        and _has_words(text)
    )  # fmt: skip


_OPENING_QUOTES = frozenset('"“«„')
_CLOSING_QUOTES = frozenset('"”»“')
_QUOTE_MARKS = frozenset('"“”«»„')
_YEAR_ENDS = frozenset("0123456789)")  # how a label citing by year ends: "Doe 2017", "(2017)"
_ARTICLES = frozenset({"the", "a", "an"})


def _in_italics(piece: str, italic: tuple[str, ...]) -> bool:
    """The piece is what the list set in italics: "In *Proceedings of NAACL*" counts."""
    if not italic:
        return False  # the common case, decided before any trimming
    piece = _trim_piece(piece)
    marked = {_trim_piece(text) for text in italic}
    return piece in marked or _IN_RE.sub("", piece, count=1) in marked or (
        _italic_with_year(piece, italic)
    )


def _italic_with_year(piece: str, italic: tuple[str, ...]) -> bool:
    """ "*Nature Machine Intelligence (2022)*", "*Proteins (2018)*": the piece is a name the
    list set in italics with its year in parentheses, as a journal and its year are set."""
    if not italic or not any(")" in text for text in italic):
        return False
    piece = _trim_piece(piece)
    return any(_trim_piece(m.group("name")) == piece
               for text in italic if (m := _NAME_YEAR_RE.fullmatch(text.strip())))  # fmt: skip


_IN_RE = re.compile(r"^[Ii]n\s+")
_NAME_YEAR_RE = re.compile(r"(?P<name>[^()]{2,100}?)\s*\((?:19|20)\d{2}\)[.,;]?")
_PIECE_EDGES = " .,;:-–—|·•()[]\"“”"  # "Authors. " ". Venue": the title's quotes, left empty


def _trim_piece(piece: str) -> str:
    """A field as written, without the punctuation and the emoji around it ("2026-06-17 💊")."""
    piece = squash(piece).strip(_PIECE_EDGES)
    while piece and (unicodedata.category(piece[-1])[0] == "S" or piece[-1] == "\ufe0f"):
        piece = piece[:-1].rstrip(_PIECE_EDGES)
    return piece


_INITIALS_SURNAME_RE = re.compile(r"(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]+")
# "Amanda and Robertson" in "Curry, Amanda and Robertson, Judy": names written last name first
_GIVEN_AND_SURNAME_RE = re.compile(r"\S+ and \S+")


# arXiv's subject classes after an id written out: "[cs]", "[hep-lat, physics:hep-ph, stat]"
_ARXIV_CLASS = r"(?:[a-z]+:)?[a-z]+(?:[.-][A-Za-z]+)*"
_ARXIV_CLASSES_RE = re.compile(rf"\s*\[\s*{_ARXIV_CLASS}(?:\s*,\s*{_ARXIV_CLASS})*\s*\]")


def _arxiv_cited(after: Sequence[Seg]) -> list[Seg] | None:
    """ "…, arXiv:2104.10013 [cs], 2021.": a reference that cites the work by its arXiv id
    and subject classes, as arXiv's own citations do; the segments after the first link
    without the classes (no field of the entry), or None when the entry has no such id."""
    for k, seg in enumerate(after[:-1]):
        following = after[k + 1]
        if (
            seg.kind == "link"
            and seg.autolink
            and seg.url[:6].lower() == "arxiv:"
            and following.kind == "text"
            and (classes := _ARXIV_CLASSES_RE.match(following.text)) is not None
        ):
            rest = replace(following, text=following.text[classes.end() :])
            return [*after[: k + 1], rest, *after[k + 2 :]]
    return None


def _around_italic_names(piece: str, italic: tuple[str, ...]) -> list[str]:
    """ "*Lu Lu, Xuhui Meng*, SIAM Review, 2021": the names a list sets in italics are one
    field, whatever stands beside them (commas part the names too, so they cannot part it)."""
    for names in italic:
        joined = _surnames_joined(names.strip())  # "_Zhang and Yan_, ICLR 2023"
        if ("," not in names and not joined) or names == piece or names not in piece or (
            names.strip()[:1] == ","
        ):
            continue  # (", Cy Dai, Di Eng*": italics that open inside the list, set wrong)
        if joined or looks_like_authors(names.strip(" ,.")):
            before, _, after = piece.partition(names)
            if _names_go_on(after):
                return [piece]  # "*Ann Lee, Bo Chen*, Cy Dai, Di Eng": the names go on unset
            return [p for part in (before, names, after) if (p := part.strip(" ,.;"))]
    return [piece]


def _surnames_joined(text: str) -> bool:
    """ "Zhang and Yan", "Lee & Chen": two surnames, as a reference gives two authors."""
    return (" and " in text or " & " in text) and _BY_SURNAME_RE.fullmatch(text) is not None


def _names_go_on(text: str) -> bool:
    """Two names or more before any venue or date ("Cy Dai, Di Eng, ICLR 2020"); one name-like
    phrase alone is as likely a journal ("Applied Soft Computing, 2020")."""
    items = [i.strip() for i in text.strip(" ,.;").split(",")]
    while items and (not items[-1] or looks_like_venue_or_date(items[-1])):
        items.pop()
    return looks_like_authors(", ".join(items)) or (
        len(items) >= 2 and all(_one_name(i) for i in items)
    )


def _authors_then_venue(piece: str) -> list[str]:
    """ "Ann Lee and Bo Chen, ICLR 2020", "C. Xie, ICCV 2017": the authors (or one author), then
    where and when, split at the last comma (when both halves read so); any other piece as it
    is."""
    head, comma, tail = piece.rpartition(", ")
    unknown_venue = (
        not looks_like_venue_or_date(tail)
        and _venue_named_with_year(tail)
        # "Cercas Curry, Amanda and Robertson, Judy and Rieser, Verena 2020": names written
        # last name first; the last comma is inside the last name
        and not any(_GIVEN_AND_SURNAME_RE.fullmatch(part) for part in head.split(", "))
    )
    if comma and (looks_like_venue_or_date(tail) or unknown_venue) and (
        looks_like_authors(head)
        or _INITIALS_SURNAME_RE.fullmatch(head) is not None  # "C. Xie"
        or (", " in head and _INVERTED_NAME_RE.fullmatch(head) is not None)  # "Lepori, Michael"
        # "Rich Caruana, 2006", "Lujun Li, ECCV 2022": one person's name that names no venue
        # ("Acta Mech. Sin., 2022" is a journal's abbreviation: a name here has no full stop)
        or ("." not in head and _one_name(head) and not _names_a_venue(head)
            and HAS_YEAR_RE.search(tail) is not None)
    ):  # (not "Applied Sciences, 2022": a journal's name is two capitalised words too)
        return [head, tail]
    return _authors_then_fields(piece)


def _authors_then_fields(piece: str) -> list[str]:
    """ "Ivo Jan, Kim Lu, Max Ng, ICML, 2018", "Gil de Sousa P. Marra, Feb 2025, Arxiv": the
    authors, then where and when as fields of their own, each after a comma; any other piece as
    it is. One name counts only with an initial (not "Pattern Recognition, Elsevier, 2019")."""
    parts = piece.split(", ")
    k = len(parts)
    while k > 1 and len(parts) - k < 3 and looks_like_venue_or_date(parts[k - 1]):
        k -= 1
    if k == len(parts) or len(parts) - k < 2:
        return [piece]  # a venue and a date, at least: one alone is read as before
    head = ", ".join(parts[:k])
    if looks_like_authors(head) or (
        _one_name(head) and any(_INITIAL_WORD_RE.fullmatch(w) for w in head.split())
    ):
        return [head, *parts[k:]]
    return [piece]


def _set_as_a_reference(name: str, after: list[str], italic: tuple[str, ...]) -> bool:
    """ "B. Biggio, Pattern Recognition 2018", "Khan Farhan Rafat. *International Conference on
    Frontiers of Information Technology 2009*": one name, then a venue no list of venues knows
    and its year, set as a reference sets them: the name with initials, or the venue in
    italics ("(Social Force) [Title](…), Physics Review 1995" names the work, not its
    author)."""
    return bool(after) and _venue_named_with_year(after[0]) and (
        _INITIALS_SURNAME_RE.fullmatch(name) is not None or _in_italics(after[0], italic)
    )


def _venue_named_with_year(text: str) -> bool:
    """ "Geophysics 2020", "(Pattern Recognition, 2023)": a venue no list of venues knows, by its
    name's shape and a year (not "Marco Maronese, 2021"); asked of a field beside the title,
    and after an author list (where a venue and its year are what a reference writes next)."""
    named = _NAMED_VENUE_YEAR_RE.fullmatch(text.strip(" ."))
    return named is not None and _names_a_venue(named.group(0).rsplit(" ", 1)[0].rstrip(","))


def _has_words(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) > 3


def _labelled_head_lines(head: list[Seg]) -> tuple[list[Seg], list[tuple[str, str]]]:
    """ "**Title**" then "Authors: Ann Lee, Bo Chen" and "会议：CVPR 2021" on lines of their
    own, before any link (a paragraph, soft breaks or hard): each labelled line is that field
    (its key, its value), not words of the title's line. The head without those lines."""
    if not any(s.kind == "break" for s in head):
        return head, []  # one line, the usual case
    return _labelled_lines(head, soft_breaks=True, title_line=True)


def _titled_line_taken(reading: Reading, after: Sequence[Seg]) -> Sequence[Seg]:
    """ "* **VIOLETv2** [[Paper](…)] @Microsoft<br/> An Empirical Study of … (CVPR 2023)": under
    a short bold name, a line after the links that is a title and its venue's tag names the
    paper: the title is that line's (the name leads the description), the tag stays to be read.
    The segments after the links, that line's title taken out."""
    if not reading.title_marked or len(reading.title.split()) > 3:
        return after
    if not any(s.kind == "break" and s.text == "\n" for s in after):
        return after  # one line, the usual case
    lines = _cut_lines(after, soft_breaks=True)
    for k, (start, *words) in enumerate(lines[1:], 1):
        if start.text != "\n" or not words or any(s.kind != "text" for s in words):
            continue  # a line after a hard break ("<br/>"), of text only
        titled = title_and_tag(squash(" ".join(s.text for s in words)))
        if titled is None:
            continue
        reading.description = _join(reading.title, reading.description)
        reading.title = titled[0]
        lines[k] = [start, Seg("text", f"({titled[1]})", words[0].line)]
        return [seg for line in lines for seg in line]
    return after


def _labelled_lines_taken(reading: Reading, after: Sequence[Seg]) -> Sequence[Seg]:
    """ "[**Title**](…)<br>🖊️ _Authors_: Smith, Alice B; Jones, Bob<br>": a line after the links
    labelled as authors, venue or date is that field (read as a sub-bullet's would be); the
    segments left for the other fields, without those lines."""
    if not any(s.kind == "break" and s.text == "\n" for s in after):
        return after  # one line, the usual case
    kept, fields = _labelled_lines(after, soft_breaks=False, title_line=False)
    for key, value in fields:
        reading.absorb(Reading(None, value, [], field_key=key))
    return kept


def _cut_lines(segs: Sequence[Seg], *, soft_breaks: bool) -> list[list[Seg]]:
    """The segments cut into lines at hard breaks (and soft ones when ``soft_breaks``); each
    line after the first begins with its break, which stays: it parts the fields of the lines
    kept."""
    lines: list[list[Seg]] = [[]]
    for seg in segs:
        if seg.kind == "break" and (soft_breaks or seg.text == "\n"):
            lines.append([seg])
        else:
            lines[-1].append(seg)
    return lines


def _labelled_lines(
    segs: Sequence[Seg], *, soft_breaks: bool, title_line: bool
) -> tuple[list[Seg], list[tuple[str, str]]]:
    """The segments cut into lines (at hard breaks, and at soft ones when ``soft_breaks``):
    the lines labelled as authors, venue or date become (key, value) fields, their other
    segments (links, the break) kept; every other line kept whole (the first always, when it
    is the ``title_line``)."""
    lines = _cut_lines(segs, soft_breaks=soft_breaks)
    kept: list[Seg] = list(lines[0]) if title_line else []
    fields: list[tuple[str, str]] = []
    for line in lines[1:] if title_line else lines:
        text = squash(" ".join(s.text for s in line if s.kind == "text"))
        key, value = field_label(text) if ":" in text or "：" in text else (None, text)
        if key is not None and FIELD_KEYS.get(key) in ("authors", "venue", "date") and value:
            fields.append((key, value.strip()))
            kept.extend(s for s in line if s.kind != "text")  # its links stay the entry's
        else:
            kept.extend(line)
    return kept, fields


def _code_field(code: str) -> str:
    """A span of code after the title that is a tag or a date is a field of its own (and each
    of its comma's parts): "_EuroSys '20_ `[Google]`" names EuroSys, not "EuroSys Google";
    "`2015.10`", "`arXiv 2019, ICLR 2020`". Any other span is text of the field it is in."""
    tag = code.strip()
    if (tag[:1] == "[" and tag[-1:] == "]") or looks_like_venue_or_date(tag) or (
        date_parts(tag)[0] is not None
    ):
        return " | " + tag.replace(", ", " | ") + " | "
    return code


def _trailing_text(after: Sequence[Seg]) -> str:
    """Text between and after the links, without bracket debris: the description part. A hard
    break ("<br>", "\\") stays a line end: it parts fields ("Title [[pdf](…)] <br> Authors <br>
    *Venue 31 (2018)*"). So does a line's end after a date ("Ann Lee, et al., WWW'25" then
    "Uses a cog-level prompt" on the next line: a note, not words of the venue)."""
    ends = {k for k, s in enumerate(after) if s.kind == "break" and (
        s.text == "\n" or (k and _ENDS_DATED_RE.search(after[k - 1].text))
    )} if any(s.kind == "break" for s in after) else set()  # fmt: skip
    if not ends:
        parts = [_text_of(s) for s in after if s.kind == "text"]
        return squash(" ".join(parts).replace("[", " ").replace("]", " ")).strip(" |")
    text = "".join(
        _text_of(s) if s.kind == "text" else "\n" if k in ends else " "
        for k, s in enumerate(after)
    )
    lines = (squash(line.replace("[", " ").replace("]", " ")).strip(" |")
             for line in text.split("\n"))  # fmt: skip
    return "\n".join(line for line in lines if line)


_ENDS_DATED_RE = re.compile(r"(?:(?<!\d)(?:19|20)\d{2}|['’]\d{2})[)\]]?[.,;]?\s*$")


def _text_of(seg: Seg) -> str:
    """A text segment as a field reads it: a span of code that is a tag or a date set apart;
    GitHub's emoji shortcodes (":star::star:", the list's rating) no word of it."""
    if seg.style == "code":
        return _code_field(seg.text)
    return _SHORTCODES_RE.sub(" ", seg.text) if ":" in seg.text else seg.text


# ":star:", ":fire::fire:" -- each one emoji on GitHub (not "arXiv:1409.0473", "Note: see")
_SHORTCODE = r":[a-z][a-z0-9_+-]{0,30}:"
_SHORTCODES_RE = re.compile(rf"(?<![\w:]){_SHORTCODE}(?:{_SHORTCODE})*(?![\w:])")


def _stray_text_warnings(
    after_first_link: Sequence[Seg], before: str = ""
) -> list[tuple[int, str]]:
    """A ')' or '(' left between the links means a link was mistyped (an extra ')')."""
    out: list[tuple[int, str]] = []
    if not any(s.kind == "text" and ("(" in s.text or ")" in s.text) for s in after_first_link):
        return out
    run: list[Seg] = []
    # "(" of the text so far not yet closed: "colors(![a](…) ![b](…))", "**vllm** (https://…)"
    opened = max(0, before.count("(") - before.count(")"))
    for seg in [*after_first_link, Seg("link", "", 0)]:
        if seg.kind == "text":
            run.append(seg)
            continue
        if seg.kind == "break" or not run:
            continue
        junk = "".join(s.text for s in run).strip(" \t[]")
        closes_text = junk and set(junk) == {")"} and len(junk) <= opened
        opens_link = junk == "(" and seg.kind == "link" and bool(seg.url)  # "([Paper](…))"
        if junk and set(junk) <= set("()") and not closes_text and not opens_link:
            out.append((run[0].line, f"stray '{junk}' after a link (an extra bracket in the list)"))
        opened = max(0, opened + junk.count("(") - junk.count(")"))
        run = []
    return out


def names_a_paper(links: Iterable[Link]) -> bool:
    """A link to a paper among them; a site's home page ("[arXiv](https://arxiv.org/)" in a
    list of paper sites) is none."""
    return any(is_target(k.url) and is_paperish(k.url, k.label) and not site_root(k.url)
               for k in links)  # fmt: skip
