# Messages of the vanban command line, English (`--lang en`, or LANG=en…).
# Every `code-…` key names a kind of problem (the stable code of `check --format json`).

label-error = error
label-warning = warning
label-hint = hint
stops-documents = { $count ->
    [one] stops 1 document: { $list }
   *[other] stops { $count } documents: { $list }
}

build-wrote = wrote { $path } ({ $why })
build-removed = removed { $path } (its source is gone)
build-changed = changed { $year } chỉ số { $number }: { $what }
build-up-to-date = up to date { $path }
build-unchanged = { $count } document(s) up to date
build-time = time { $stage }: { $ms } ms
build-time-steps = time per document, summed over threads, { $step }: { $ms } ms
build-summary = { $errors } error(s), { $warnings } warning(s); { $written } document(s) written, { $unchanged } up to date{ $failed ->
    [0] {""}
   *[other] , { $failed } failed
}
build-ok = ok: { $written } document(s) written, { $unchanged } up to date, no problems
check-summary = { $errors } error(s), { $warnings } warning(s)
check-ok = ok: no problems found
watch-started = watching { $path } for changes (Ctrl-C to stop)
watch-changed = changed: { $names }

code-yaml = YAML file
code-todo = TODO left
code-agency = issuing agency
code-catalogue = indicator catalogue
code-directory = recipients
code-letter = letter
code-answer = answer
code-figure = figure notation
code-evidence = evidence file
code-not-answered = not answered
code-answered-late = answered late
code-no-deadline = no deadline
code-blocked = not built
code-empty = nothing to build
code-mail-merge = mail merge
code-template = Typst template
code-glyph = unprintable character
code-font = font
code-text = text encoding
code-layout = page layout
code-output-twice = output written twice
code-changed-outside = changed outside vanban
code-register = outgoing register
code-new-year = new year

# Why a document was written ("wrote … (why)").
why-new = new
why-output-missing = output missing
why-changed-outside = output changed outside vanban
why-data-changed = data changed
why-templates-changed = templates changed
why-fonts-changed = fonts changed
why-tool-changed = vanban version changed
why-forced = forced
why-overdue = overdue
