"""Russian names: natasha's NER, and names brought to their nominative form (pymorphy3).

natasha's NER finds people, organizations and places; pymorphy3 inflects each name to the nominative
(«Владимиром Путиным» → «Владимир Путин», «Банка России» → «Банк России»), and within one article
a surname alone joins the full name seen elsewhere in it («Уиткофф» → «Стив Уиткофф»).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from timeline.extract.doc import Sentence, Token
from timeline.extract.entities import Mention
from timeline.extract.spans import Reach
from timeline.lang.ru.morph import analyzer, parse
from timeline.lang.ru.ner import news_ner

NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def find_entities(given: list[Sentence]) -> list[Mention]:
    """Named entities in the given sentences marked ``needs_names`` (NER is the costliest step: only
    those that may hold an event and name someone), with offsets into the article they came from; in
    all the given ones, the people those names describe (:func:`_described`)."""
    sentences = [s for s in given if s.needs_names]
    if not sentences:
        return []
    # One NER call over the sentences joined by newlines; offsets map back sentence by sentence.
    chunk_starts = []
    position = 0
    for sentence in sentences:
        chunk_starts.append(position)
        position += len(sentence.text) + 1
    joined = "\n".join(s.text for s in sentences)
    mentions = []
    index = 0
    for span in news_ner()(joined):
        while index + 1 < len(sentences) and chunk_starts[index + 1] <= span.start:
            index += 1
        sentence = sentences[index]
        start = sentence.start + span.start - chunk_starts[index]
        text = joined[span.start:span.stop]
        words = text.split()
        name, case = normalize_person(words) if span.type == "PER" else normalize_phrase(words)
        if name:
            mentions.append(Mention(start, start + len(text), text, span.type, name, case))
    mentions = _attach_places(mentions)
    quoted, works = _quoted_names(sentences, mentions)
    # A title of a work is no actor, whatever NER made of it («Гамлет» in «спектакль «Гамлет»»).
    within = Reach(works)
    mentions = [m for m in mentions if not within.reaches(m.start, m.stop, inclusive=True)]
    mentions = sorted(mentions + quoted, key=lambda m: m.start)
    _join_surnames(mentions, sentences)
    return sorted(mentions + _described(mentions, given), key=lambda m: m.start)


_QUOTED = re.compile(r"«([A-ZА-ЯЁ0-9][^«»]{0,50})»")
_LETTERS = re.compile(r"[А-Яа-яЁё]+")
_LIST_GAP = re.compile(r"\s*(?:,|и|или)\s*")
# Titles of works and named operations are quoted too, but they are not actors.
WORK_NOUNS = frozenset({
    "спектакль", "опера", "балет", "фильм", "картина", "роман", "книга", "песня", "альбом", "сериал", "пьеса",
    "постановка", "шоу", "передача", "программа", "операция", "учение", "статья", "закон", "законопроект",
    "поэма", "повесть", "мюзикл", "мультфильм", "игра", "доклад", "проект", "турнир", "фестиваль", "выставка",
    "корабль", "ракета", "миссия", "самолёт", "самолет", "спутник", "станция", "модель", "смартфон", "марка",
    "сочинение", "произведение", "композиция", "симфония", "стихотворение", "сборник", "сингл", "клип", "трек",
    "подпись", "название", "заголовок", "лозунг", "девиз", "слоган", "хештег", "хэштег", "рубрика",
})


def _quoted_names(
    sentences: list[Sentence], found: list[Mention]
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """«Газпромом», «Полярные линии»: Russian news quotes the names of companies, clubs and parties,
    and NER misses many of them. A short capitalized quote that is no work's title is an organization.
    Returns those organizations, and the spans of the quotes that title works."""
    taken = Reach((m.start, m.stop) for m in found)
    extra = []
    works: list[tuple[int, int]] = []
    for sentence in sentences:
        previous: tuple[int, bool] | None = None  # the end of the last quote, and whether it titled a work
        words_at: list[int] | None = None  # the starts of the sentence's runs of letters, found when needed
        for q in _QUOTED.finditer(sentence.text):
            inner = q.group(1)
            words = inner.split()
            start = sentence.start + q.start(1)
            stop = start + len(inner)
            if previous is not None and _LIST_GAP.fullmatch(sentence.text, previous[0], q.start()):
                work = previous[1]  # «Строфы», «Эманации» и «Псалмы»: a list shares its noun
            else:
                if words_at is None:
                    words_at = [m.start() for m in _LETTERS.finditer(sentence.text)]
                before = _last_word(sentence.text, q.start(), words_at)
                work = bool(before) and bool({p.normal_form for p in parse(before.lower())} & WORK_NOUNS)
            previous = (q.end(), work)
            if work:
                works.append((start, stop))
                continue
            if len(words) > 4 or inner[-1] in ".,!?:;" or taken.reaches(stop, start, inclusive=False):
                continue
            name, case = normalize_phrase(words)
            extra.append(Mention(start, stop, inner, "ORG", name, case))
    return extra, works


def _last_word(text: str, pos: int, starts: list[int]) -> str | None:
    """The last run of letters before ``pos`` (cut at ``pos``), given the starts of the text's runs: a
    search back from each quote would cost the sentence's length per quote."""
    i = bisect_left(starts, pos) - 1
    if i < 0:
        return None
    run = _LETTERS.match(text, starts[i], pos)
    return run.group() if run else None


def _attach_places(mentions: list[Mention]) -> list[Mention]:
    """«Арбитражный суд» + «Москвы», «МЧС» + «России»: an organization followed by a place in the
    genitive is one organization («Арбитражный суд Москвы»), not an organization and a place."""
    result: list[Mention] = []
    for m in mentions:
        previous = result[-1] if result else None
        if (
            previous is not None and previous.label == "ORG" and m.label == "LOC" and m.case == "gent"
            and 0 < m.start - previous.stop <= 1
        ):
            result[-1] = Mention(previous.start, m.stop, f"{previous.text} {m.text}", "ORG",
                                 f"{previous.name} {m.text}", previous.case)
            continue
        result.append(m)
    return result


def _restore(original: str, word: str) -> str:
    """Keep the original's capitals and its е where it wrote е for ё."""
    if "ё" not in original.lower():
        word = word.replace("ё", "е")
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
    return word


def normalize_person(words: Sequence[str]) -> tuple[str, str | None]:
    """«Владимиром Путиным» → «Владимир Путин»; unknown foreign names stay as written; a title or a
    profession before the name is not part of it («Император Акихито» → «Акихито»)."""
    words = list(words)
    while len(words) > 1 and _is_title_word(words[0]):
        words = words[1:]
    return _normalize_person(tuple(words))


def _is_title_word(word: str) -> bool:
    """A common noun for a person the dictionary knows, that no reading makes a name: «Император»."""
    parses = parse(word.lower())
    return (
        analyzer().word_is_known(word.lower()) and bool(parses)
        and all(p.tag.POS == "NOUN" and "anim" in p.tag.grammemes  # a person's title: «Си» is a note
                and not ({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes) for p in parses)
    )


def normalize_phrase(words: Sequence[str]) -> tuple[str, str | None]:
    """«Банка России» → «Банк России», «Большой семерки» → «Большая семерка», «Москву» → «Москва»."""
    return _normalize_phrase(tuple(words))


# «Хаматовой», «Самойловой» in an oblique case: the stem of the nominative «Хаматова».
_FEMININE_SURNAME = re.compile(r"(.+(?:ов|ев|ёв|ин|ын))ой")


# Names recur across articles, and inflecting one costs a pymorphy3 lexeme: remember the results.
@lru_cache(maxsize=100_000)
def _normalize_person(words: tuple[str, ...]) -> tuple[str, str | None]:
    gender = case = None
    for w in words:  # the first name fixes gender and case when it is unambiguous
        if not analyzer().word_is_known(w.lower()):
            continue  # a guess: «Уиткоффа» is no woman's name in the nominative
        # A person's first name is singular: «Габриэл» is not the genitive plural of «Габриэла».
        # Nor vocative: «Нин» in «Мао Нин» is no call to a Nina (news names people, it does not call them).
        named = [p for p in parse(w.lower()) if "Name" in p.tag.grammemes and not {"plur", "voct"} & p.tag.grammemes]
        if gender is not None:
            named = [p for p in named if p.tag.gender == gender] or named
        if named and len({p.tag.case for p in named}) == 1:
            gender, case = named[0].tag.gender, named[0].tag.case
            break
        if named and gender is None and len({p.tag.gender for p in named}) == 1:
            gender = named[0].tag.gender  # «Мохаммеда»: genitive or accusative, but a man either way
    cases: set[str] = set()  # the cases a known surname allows, when no first name fixes one
    if gender is None:  # «Кушнера»: a surname the dictionary knows tells a man
        for w in words:
            surnames = [p for p in parse(w.lower()) if "Surn" in p.tag.grammemes]
            if len({p.tag.gender for p in surnames}) == 1:
                gender = surnames[0].tag.gender
                cases = {p.tag.case for p in surnames} - {"nomn"}
                break
    if case is None:  # «Си Цзиньпином»: an unknown word whose every reading as a noun is in one case
        for w in words:
            nouns = [p for p in parse(w.lower()) if p.tag.POS == "NOUN"]
            if (w[:1].isupper() and nouns and not analyzer().word_is_known(w.lower())
                    and len({p.tag.case for p in nouns}) == 1 and nouns[0].tag.case != "nomn"):
                case = nouns[0].tag.case
                break
    result = []
    for n, w in enumerate(words):
        if any(x[:1].islower() for x in words[1:n]):
            result.append(w)  # after «бин», «де», «ван»: a foreign name's parts stay as written («Аль Тани»)
            continue
        candidates = [p for p in parse(w.lower())
                      if NAME_GRAMMEMES & p.tag.grammemes and not {"plur", "voct"} & p.tag.grammemes]
        known = analyzer().word_is_known(w.lower())
        if case and candidates:
            in_case = [p for p in candidates if p.tag.case == case]
            if not in_case and known:
                # «Антон Силуанов»: not «Силуан» (a first name's genitive plural); «с Мариной Уилер»: a
                # surname no reading puts in the name's case does not decline.
                result.append(w)
                continue
            candidates = in_case  # an unknown word's guessed name readings in another case: none
        oblique = (case and case != "nomn") or (
            not case and all(p.tag.case not in (None, "nomn") for p in parse(w.lower()))
        )
        if not candidates and not known and oblique and w[:1].isupper():
            feminine = _FEMININE_SURNAME.fullmatch(w)
            if feminine and gender != "masc":  # «Хаматовой»: an unknown surname declined as an adjective
                result.append(feminine.group(1) + "а")
                continue
        if gender:
            agreeing = [p for p in candidates if {gender, "ms-f"} & p.tag.grammemes]
            if candidates and not agreeing and not known:
                result.append(w)  # «Мохаммеда Эль-Барадеи»: a foreign name no reading fits, as written
                continue
            candidates = agreeing or candidates
        if not candidates and (case or cases) and case != "nomn" and w[:1].isupper():
            # A surname the dictionary does not know as one («Макроном», «Цзиньпином»), or a first name
            # beside a known surname («Джареда Кушнера»): a noun in the name's case, of its gender.
            allowed = {case} if case else cases
            candidates = [p for p in parse(w.lower()) if p.tag.POS == "NOUN" and p.tag.case in allowed]
            if gender:
                candidates = [p for p in candidates if {gender, "ms-f"} & p.tag.grammemes]
        if not candidates and not known and any(p.tag.case == "nomn" for p in parse(w.lower())):
            result.append(w)  # an unknown foreign name that may already be nominative («Лула»): keep it
            continue
        if not candidates:
            result.append(w)
            continue
        inflected = candidates[0].inflect({"nomn", "sing"}) or candidates[0].inflect({"nomn"})
        result.append(_restore(w, inflected.word) if inflected else w)
        if "Fixd" not in candidates[0].tag.grammemes:  # «Чулпан» is every case alike: it tells none
            case = case or candidates[0].tag.case
    return " ".join(result), case


_MODEL = re.compile(r"(?P<word>[^\W\d_]+)(?P<model>-\w*\d\w*)")  # «Ангары-А5», «Луч-5Х»: a word and a model code


@lru_cache(maxsize=100_000)
def _normalize_phrase(words: tuple[str, ...]) -> tuple[str, str | None]:
    if words and (m := _MODEL.fullmatch(words[-1])):
        # The word inflects and the model code does not: «Ангары-А5» is «Ангара-А5», «Луч-5Х» stays.
        name, case = _normalize_phrase((*words[:-1], m["word"]))
        return name + m["model"], case
    head = None
    for i, w in enumerate(words):
        parses = parse(w.lower())
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns and i + 1 < len(words) and any(p.tag.POS == "ADJF" for p in parses):
            continue  # «Успенском соборе»: an adjective that is also a surname qualifies the noun after it
        if nouns and re.search("[а-яё]", w.lower()):
            head = (i, nouns[0])
            break
    if head is None:
        return " ".join(words), None
    i, noun = head
    case = noun.tag.case
    result = list(words)
    inflected = noun.inflect({"nomn"}) if case != "nomn" else None
    if inflected:
        result[i] = _restore(words[i], inflected.word)
    for j in range(i):
        adjectives = [p for p in parse(words[j].lower()) if p.tag.POS == "ADJF" and p.tag.case == case]
        if noun.tag.number == "sing":
            adjectives = [p for p in adjectives if p.tag.gender == noun.tag.gender] or adjectives
        if adjectives and case != "nomn":
            form = adjectives[0].inflect({"nomn"})
            if form:
                result[j] = _restore(words[j], form.word)
    return " ".join(result), case


def _surname_keys(word: str) -> set[str]:
    keys = {word.lower()}
    keys.update(p.normal_form for p in parse(word.lower()) if NAME_GRAMMEMES & p.tag.grammemes)
    return keys


def _join_surnames(mentions: list[Mention], sentences: Sequence[Sentence] = ()) -> None:
    """A one-word person mention takes the full name the article gives elsewhere, if exactly one fits:
    by the surname («Курбатов»), or by the first name («Габриэл» after «Габриэл Уортман»); of two
    that fit, the one whose gender its verb agrees with («Малашенко развёлся», beside Игорь and Елена)."""
    full: dict[str, set[str]] = {}
    starts = [s.start for s in sentences]
    for m in mentions:
        parts = m.name.split()
        if m.label == "PER" and len(parts) >= 2:
            for key in _surname_keys(parts[-1]) | _surname_keys(m.text.split()[-1]) | _surname_keys(parts[0]):
                full.setdefault(key, set()).add(m.name)
    for m in mentions:
        if m.label != "PER" or " " in m.name:
            continue
        names = set().union(*(full.get(k, set()) for k in _surname_keys(m.text) | _surname_keys(m.name)))
        if len(names) > 1 and (gender := _verb_gender(sentences, starts, m.stop)) is not None:
            # Only to choose: a verb after a name may be another's («… поддержала Байдена»)
            names = {n for n in names if _first_name_gender(n) == gender}
        if len(names) == 1:
            m.name = next(iter(names))


def _described(mentions: list[Mention], sentences: Sequence[Sentence]) -> list[Mention]:
    """«Полковник был снова задержан» after «полковник Владимир Квачков»: a person-noun the article set
    before one person's name («полковник», «пианист», «менеджер») stands for that person where it
    stands alone later, as a mention of them. A noun set before two people's names («президент»)
    stands for no one."""
    people = [m for m in mentions if m.label == "PER" and " " in m.name]
    if not people:
        return []
    tokens = [t for s in sentences for t in s.tokens]
    ends = [t.end for t in tokens]
    starts = [s.start for s in sentences]
    named: dict[str, set[str]] = {}
    first: dict[str, int] = {}  # where each person-noun was first set before a name: it describes after that
    qualified: dict[str, set[str]] = {}  # the adjectives it had there («французский журналист»)
    beside: set[int] = set()  # the descriptor tokens set before a name: those are the name's own
    for m in people:
        at = bisect_left(ends, m.start) - 1  # the word just before the name
        # «полковник Владимир Квачков», «полковник ГРУ Владимир Квачков»: within a few words, no comma between
        for back in range(at, max(at - _DESCRIBED_REACH, -1), -1):
            if _person_noun(tokens[back]):
                gap = _text_between(sentences, starts, tokens[back].end, m.start)
                if gap is not None and not set(gap) & set(",;:—()«»\n"):
                    lemma = tokens[back].lemma
                    named.setdefault(lemma, set()).add(m.name)
                    first.setdefault(lemma, tokens[back].start)
                    qualified.setdefault(lemma, set()).add(_adjective_before(tokens, back) or "")
                    beside.add(back)
                break
    found = []
    named_starts = {m.start for m in mentions}
    for i, t in enumerate(tokens):
        names = named.get(t.lemma)
        if (names and len(names) == 1 and i not in beside and t.start not in named_starts and t.start > first[t.lemma]
                and t.reading and "sing" in t.reading.tag.grammemes
                # «итальянский журналист» is not the «французский журналист Уильям Рогулен»
                and (_adjective_before(tokens, i) or "") in qualified[t.lemma] | {""}):
            found.append(Mention(t.start, t.end, t.word, "PER", next(iter(names)), t.reading.tag.case))
    return found


def _adjective_before(tokens: list[Token], at: int) -> str | None:
    """The lemma of an adjective just before the word at ``at`` («французский журналист»), if any."""
    return tokens[at - 1].lemma if at > 0 and tokens[at - 1].pos == "ADJF" else None


_DESCRIBED_REACH = 3  # words before a name its person-noun may stand: «полковник ГРУ в отставке …» is too far


def _text_between(sentences: Sequence[Sentence], starts: list[int], start: int, stop: int) -> str | None:
    """The text between two offsets of one sentence (``starts``: the sentences' starts); None when they
    are not in one."""
    at = bisect_left(starts, start + 1) - 1
    if at < 0 or stop > sentences[at].stop:
        return None
    return sentences[at].text[start - sentences[at].start:stop - sentences[at].start]


def _person_noun(token: Token) -> bool:
    """A common noun for a person, lower-cased as written: «полковник», «пианист» (not a name's part)."""
    reading = token.reading
    return (bool(reading) and token.pos == "NOUN" and token.word[:1].islower()
            and "anim" in reading.tag.grammemes and not NAME_GRAMMEMES & reading.tag.grammemes)


_VERB_REACH = 4  # words after a surname its verb may stand: «Малашенко в 2018 году развёлся»
_AGREEING = frozenset({"VERB", "PRTS", "ADJS"})  # past-tense verbs and short forms show a gender


def _verb_gender(sentences: Sequence[Sentence], starts: list[int], pos: int) -> str | None:
    """The gender of the first verb after ``pos`` in its sentence, when its form shows one (past tense
    singular, a short participle: «развёлся», «назначена»); None otherwise."""
    at = bisect_left(starts, pos + 1) - 1
    if at < 0 or not sentences[at].tokens:
        return None
    after = [t for t in sentences[at].tokens if t.start >= pos][:_VERB_REACH]
    verb = next((t for t in after if t.pos in _AGREEING), None)
    return verb.reading.tag.gender if verb is not None else None


def _first_name_gender(name: str) -> str | None:
    """The gender the first name of a full name tells («Игорь Малашенко»: masc), when it tells one."""
    genders = {p.tag.gender for p in parse(name.split()[0].lower()) if "Name" in p.tag.grammemes}
    return genders.pop() if len(genders) == 1 else None
