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
code-workbook = reply workbook
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

# The bodies of problems (message and hint), by catalogue key.
yaml-invalid = invalid YAML: { $detail }
yaml-missing-field = invalid YAML: missing field `{ $field }`
yaml-missing-field-hint = add the missing field; README lists the fields of every file
unknown-recipient = unknown recipient `{ $id }`
unknown-signer = unknown signer `{ $id }`
letter-blocked = letter not built because { $causes } { $count ->
    [one] has
   *[other] have
} errors
blocked-hint = fix the errors reported for data/ above; this follows from them
report-blocked-by-request = report `{ $report }` was not built because its request letter `{ $request }` has errors
report-blocked-by-request-hint = fix the errors reported for that letter above; this follows from them
report-blocked-by-answers = report `{ $report }` was not built because the answers in data/{ $year }/ have errors
report-no-answers = report `{ $report }` was not built: data/{ $year }/ has no answers from the agencies its request letter addresses
report-no-answers-hint = add each agency's reply as data/{ $year }/<agency id>.yaml; `vanban status --year { $year }` shows who owes what
status-no-request = no request letter asks for data of { $year }, so nobody owes anything for it
recipient-unaddressed = recipient `{ $id }` is not addressed by any request letter
recipient-unaddressed-hint = add it to a letter's `recipients:`, or remove it from data/recipients.yaml if it no longer receives letters
indicator-no-compute = indicator { $number } has figures here, but data/indicators.yaml gives it no `compute`, so the report shows "-" for it
indicator-no-compute-hint = add `compute: total`, `rate` or `per_population` to indicator { $number } in data/indicators.yaml, or give only its `value`
not-answered = { $agency } has not answered { $count ->
    [one] 1 indicator
   *[other] { $count } indicators
} for { $year } by the deadline { $deadline }: { $indicators }
not-answered-hint = add { $count ->
    [one] it
   *[other] them
} to { $file } when received, or send a reminder (vanban remind)
not-answered-short = { $agency }: { $count ->
    [one] 1 item
   *[other] { $count } items
  } overdue (deadline { $deadline })
not-answered-more = which indicators and what to do: add --verbose; the full list: vanban status
answered-late = { $agency } answered late: received { $received }, deadline { $deadline }
answered-late-hint = the report lists late answers; nothing to fix unless the date is wrong
template-error = template error: { $detail }

# remind, register, new-year.
remind-wrote = wrote { $path }
remind-nothing = nothing is overdue on { $date }
register-done = registered: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-again = already registered: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-per-agency = and its { $count } per-agency letter(s): Số { $first }–{ $last }
review-wrote = wrote { $path }
review-nothing = no agency's answers need reviewing
review-no-wording = letter `{ $letter }` has no `review` wording, so no review letter can be written
review-no-wording-hint = add `review:` with `subject`, `opening`, `closing`, `days` (see README)
import-created = created { $answers } from { $workbook }
import-updated = updated { $answers } from { $workbook }
import-unchanged = { $answers } unchanged ({ $workbook })
import-would-create = would create { $answers } from { $workbook } (--dry-run: nothing written)
import-would-update = would update { $answers } from { $workbook } (--dry-run: nothing written)
new-year-created = created { $path }
new-year-next = fill in every TODO, then run `vanban check`

# Figure notation in the data files.
figure-thousands-dot = figure `{ $key }: { $token }` has thousands separators, so it would be read as another number
figure-plain-digits-hint = write figures in plain digits with no separators: `{ $key }: { $first }`
figure-ambiguous-dot = figure `{ $key }: { $token }` has a dot before three digits: thousands separator or decimal point?
figure-ambiguous-dot-hint = write `{ $key }: { $first }` for the whole number (YAML would read { $token } as { $second }), or `{ $key }: { $second }` if it is the decimal
figure-decimal-comma = figure `{ $key }: { $token }` has a decimal comma, which YAML does not read as a number
figure-decimal-comma-hint = write the decimals after a point: `{ $key }: { $first }`
figure-ambiguous-comma = figure `{ $key }: { $token }` has a comma: thousands separator or decimal mark?
figure-ambiguous-comma-hint = write `{ $key }: { $first }` for the whole number, or `{ $key }: { $second }` for the decimal
figure-spaces = figure `{ $key }: { $token }` has spaces between its digits
figure-quoted = figure `{ $key }: { $token }` is quoted, so it is text, not a number
figure-quoted-hint = write it without quotes, in plain digits: `{ $key }: { $first }`

# Answers.
answer-not-a-date = { $what } `{ $value }` is not a date
answer-not-a-date-hint = write dates as `YYYY-MM-DD`
answer-twice = indicator { $number } is answered twice in this file
answer-twice-hint = give all of an indicator's figures in one answer, as rows if they add up
answer-no-figures = indicator { $number } has no figures
answer-no-figures-hint = add `numerator` (and `denominator` for a rate), `rows`, or `value`
answer-percentage-range = percentage { $value } is outside 0–100
answer-percentage-range-hint = a percentage given directly must lie between 0 and 100
answer-numerator-over-denominator = numerator { $numerator } is greater than denominator { $denominator } for a rate
answer-swapped-hint = a rate counts part of a whole: check whether the two figures are swapped
answer-rows-and-totals = indicator { $number } gives both rows and totals
answer-rows-and-totals-hint = give either `rows`, which are added up, or `numerator`/`denominator`, not both
answer-inactive = indicator { $number } is not evaluated in { $year }; these figures are not used
answer-inactive-hint = remove them, or take the year out of `inactive_years` in data/indicators.yaml

## Reply workbooks (vanban import)
workbook-unreadable = cannot read workbook `{ $file }`: { $cause }
workbook-unreadable-hint = import the .xlsx, .xls or .ods file the agency sent back, as it came
workbook-not-form = `{ $file }` is not a reply form written by vanban (its hidden sheet `vanban` is missing or of another version)
workbook-not-form-hint = import the workbook `vanban build` wrote next to the agency's letter, filled in and sent back; a form the agency made itself must be typed into data/<year>/ by hand
workbook-sheet-missing = sheet `{ $sheet }` is missing from `{ $file }`
workbook-sheet-missing-hint = sheets must not be renamed or deleted: ask the agency to fill in the original file
workbook-row-unlabelled = this row has figures but no label
workbook-row-unlabelled-hint = write in column B what the row counts (a district, a facility), or clear its figures
workbook-row-unfilled = row `{ $label }` has no figures while other rows of this sheet have
workbook-row-unfilled-hint = fill in its figures (0 when there is nothing), or clear its label if it does not apply
workbook-evidence-indicator = the evidence row names no indicator of this form
workbook-evidence-indicator-hint = write the number of the indicator it supports: { $numbers }
workbook-cell-empty = this cell is empty but the row needs it
workbook-cell-empty-hint = fill it in (0 when there is nothing), or clear the whole row
workbook-figure-notation = figure `{ $typed }` is typed as text; in Vietnamese notation it reads { $reading }
workbook-figure-notation-hint = retype it in the cell as a number, digits only ({ $reading }), so the spreadsheet reads it as one
workbook-figure-text = `{ $typed }` is text, not a figure
workbook-figure-text-hint = type only the number in this cell; the unit goes in column C and remarks in column H
workbook-figure-shown = this cell shows { $shown } but holds { $held }: its number format shows another figure than the one it holds
workbook-figure-shown-hint = retype the figure as a plain number in the row's unit (column C): the cell's format cannot be changed while the sheet is protected, so unprotect it first (Review → Unprotect Sheet; there is no password) and set the cell's format to Number
workbook-formats-unreadable = cannot read how the cells of `{ $file }` show their numbers
workbook-formats-unreadable-hint = open it in LibreOffice and save it as .xlsx, then import that file
workbook-formats-unknown = vanban cannot see how the cells of `{ $file }` show their numbers: a figure typed as 45% is read as 0.45
workbook-formats-unknown-hint = check the figures in `vanban import --dry-run`, or open the file in Excel or LibreOffice, save it as .xlsx and import that
workbook-date = `{ $typed }` is not a date
workbook-date-hint = type the date as day/month/year, e.g. 24/02/2023
workbook-twice = `{ $file }` answers for the same agency and year as `{ $other }`
workbook-twice-hint = import one reply per agency and year at a time; the later one replaces the earlier
workbook-other-letter = `{ $file }` answers letter `{ $letter }` for data year { $year }, which this project does not have
workbook-other-letter-hint = import it into the project (and year) whose letter it answers
workbook-other-agency = `{ $file }` is the form of `{ $recipient }`, whom letter `{ $letter }` does not address
workbook-other-agency-hint = check that the agency sent back its own form; the form names its agency on its first sheet
workbook-answers-unreadable = `{ $answers }` exists but cannot be read, so `{ $file }` cannot be merged into it
workbook-answers-unreadable-hint = fix the errors reported for that file first, then import again
workbook-reply-half = the reply letter's number and date go together; one of them is empty
workbook-reply-half-hint = fill in both (the number and date of the agency's reply letter), or clear both
workbook-evidence-missing = evidence file `{ $name }` is not beside the workbook
workbook-evidence-missing-hint = put the file the agency sent in the workbook's folder under this name, or clear the cell
workbook-other-number = `{ $file }` is the form of letter number { $written }, but the letter sent to `{ $recipient }` is registered as number { $registered }
workbook-other-number-hint = import the form that came with the letter as registered; an older form may carry another number
workbook-out-of-scope = row `{ $label }` is the area of `{ $other }`, not of `{ $recipient }`
workbook-out-of-scope-hint = each agency reports its own area: `{ $other }` gives these figures in its own form; remove the row
workbook-below-rows = this cell is below the rows of the form and would not be read
workbook-below-rows-hint = use the empty rows of the form; for more rows, ask for a form with more rows or send the figures in a separate sheet
workbook-note-alone = this remark stands on a row without figures, so it would not be imported
workbook-note-alone-hint = put the remark on a row with figures, or in the sheet "Nội dung khác" or the reply letter
workbook-total-and-rows = a `{ $total }` row beside rows that add up would be counted twice
workbook-total-and-rows-hint = give either the total alone, or the rows without the total row
workbook-meta-edited = the hidden sheet `{ $sheet }` of `{ $file }` was edited: its rows make no sense
workbook-meta-edited-hint = ask the agency to fill in the form as it was sent
workbook-evidence-unanswered = evidence for indicator { $number }, which has no figures yet, cannot be recorded
workbook-evidence-unanswered-hint = fill in the indicator's sheet, or remove this row
workbook-evidence-clash = another file named `{ $name }` was imported before for this agency
workbook-evidence-clash-hint = rename the new file (add its number or date), beside the workbook and in this cell
workbook-unit = the unit `{ $unit }` is not the form's `{ $expected }`
workbook-unit-hint = convert the figure to { $expected } and write that unit back
workbook-comments-lost = the comments at lines { $lines } are not kept when the import rewrites this file
workbook-comments-lost-hint = move what they say into `note:` fields or the comments at the top of the file, which are kept
workbook-sheet-empty = sheet `{ $sheet }` is empty: indicator { $number } stays unanswered
workbook-sheet-empty-kept = sheet `{ $sheet }` is empty: indicator { $number } keeps the figures already recorded
workbook-sheet-empty-hint = ask the agency for the figures if they are due
answer-figure-nan = { $what } is not a number
answer-figure-nan-hint = write the figure in digits, e.g. `1234.5`
answer-figure-negative = { $what } { $value } is negative
answer-figure-negative-hint = figures count things: write zero or a positive number
answer-figure-large = { $what } { $value } is too large
answer-figure-large-hint = check the figure and its unit; figures are limited to 10^15

## Help (--help)
help-heading-usage = Usage:
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-value-command = COMMAND
help-flag-help = Print help
help-flag-version = Print version
help-word-options = [OPTIONS]
help-word-values = Possible values:
help-word-default = (default)
help-word-unknown-command = error: unrecognized subcommand
help-word-unknown-argument = error: unexpected argument
help-word-required = error: the following required arguments were not provided:
help-word-invalid-value = error: invalid value
help-word-error = error:{" "}
help-word-similar-command = tip: a similar subcommand exists:
help-word-similar-argument = tip: a similar argument exists:
help-word-tip = tip:{" "}
help-word-more = For more information, try '--help'.
help-word-found = {" "}found
help-word-for = {" "}for '

## Help texts of every command and argument (--help); the test holds them to the argument definitions
help-vanban = YAML to signature-ready Vietnamese official correspondence (ND 30/2020) through Typst
help-vanban-quiet = Print nothing but errors
help-vanban-verbose = Also print the documents that were up to date, and each overdue item
help-vanban-lang = Language of messages: vi (default) or en; without it, an English locale (LANG=en…) gives English
help-vanban-build = Render the letters and reports whose inputs changed into PDFs under `out/`
help-vanban-build-path = Project folder (default: the current folder)
help-vanban-build-out = Output folder (default: `<project>/out`; a relative one is in the project folder)
help-vanban-build-force = Rebuild every document, not only those whose inputs changed
help-vanban-build-merged = Also write one PDF per letter with all its per-agency letters, for printing
help-vanban-build-draft = Mark every unregistered document "DỰ THẢO", as a review copy
help-vanban-build-force_signed = With --force, also overwrite PDFs that have been signed
help-vanban-build-as_of = Warn about answers overdue on this day, YYYY-MM-DD (default: today)
help-vanban-build-year = Data year whose missing answers are warned about (default: the latest)
help-vanban-build-timings = Write the stage times and peak memory of this run as JSON (for `vanban bench`)
help-vanban-watch = Build, then rebuild whenever a file of the project is saved (Ctrl-C to stop)
help-vanban-watch-path = Project folder (default: the current folder)
help-vanban-watch-out = Output folder (default: `<project>/out`; a relative one is in the project folder)
help-vanban-remind = Write follow-up letters (công văn đôn đốc) to agencies that still owe items
help-vanban-remind-path = Project folder (default: the current folder)
help-vanban-remind-as_of = The date of the follow-up letters, YYYY-MM-DD: who owed what on that day
help-vanban-remind-year = Data year whose request letters are chased (default: the latest)
help-vanban-remind-out = Output folder (default: `<project>/out`; a relative one is in the project folder)
help-vanban-review = Write a letter asking each agency whose answers have problems to review them
help-vanban-review-path = Project folder (default: the current folder)
help-vanban-review-as_of = The letters' date, YYYY-MM-DD (default: today)
help-vanban-review-year = Data year whose answers are reviewed (default: the latest)
help-vanban-review-out = Output folder (default: `<project>/out`; a relative one is in the project folder)
help-vanban-import = Bring returned reply workbooks (.xlsx, .xls, .ods) into data/<year>/, checked first
help-vanban-import-files = The workbooks the agencies sent back
help-vanban-import-dry_run = Show what would change (old → new per figure); write nothing
help-vanban-import-received = The day the replies were received, YYYY-MM-DD (default: today for a new reply)
help-vanban-import-project = The project folder (default: the project the current folder is in)
help-vanban-register = Record a signed letter's number and date, rebuild it, and add it to the outgoing register
help-vanban-register-letter = The letter file, e.g. letters/2022/de-nghi-cung-cap-thong-tin.yaml
help-vanban-register-number = The number the văn thư gives it
help-vanban-register-date = The date it is issued, YYYY-MM-DD
help-vanban-register-reminder = Register the letter's follow-up letters of this day (as `remind --as-of` wrote them), numbered from --number, instead of the letter
help-vanban-register-project = Project folder (default: the current folder)
help-vanban-completions = Print the shell completion script for SHELL (bash, zsh, fish, powershell, elvish)
help-vanban-completions-shell = The shell
help-vanban-new-year = Write next data year's letters from this year's, with TODOs for what must be checked
help-vanban-new-year-path = Project folder (default: the current folder)
help-vanban-new-year-from = The data year to start from (default: the latest)
help-vanban-bench = Measure full builds, a correction rebuild and peak memory on a synthetic national campaign, and write the results as Markdown
help-vanban-bench-provinces = Provinces in the synthetic campaign
help-vanban-bench-recipients = Recipients per province
help-vanban-bench-report = Where to write the Markdown report
help-vanban-bench-work = Generate the campaign here and keep it (its `campaign/` and `typst/` folders are replaced; default: a temporary folder, removed)
help-vanban-bench-repeat = How many times each build is measured (the report gives the median)
help-vanban-schema = Write JSON Schemas of every YAML file kind into data/schemas/, for editors
help-vanban-schema-path = Project folder (default: the current folder)
help-vanban-check = Validate the project without rendering
help-vanban-check-path = Project folder (default: the current folder)
help-vanban-check-as_of = Warn about answers overdue on this day, YYYY-MM-DD (default: today)
help-vanban-check-year = Data year whose missing answers are warned about (default: the latest)
help-vanban-check-format = Output format of the problems found
help-vanban-status = Show, per agency and request, what was received, what is late and what is missing
help-vanban-status-path = Project folder (default: the current folder)
help-vanban-status-year = Data year (default: the latest year with a request letter)
help-vanban-status-format = Output format

## "Did you mean …?" after an unknown id
known-closest = did you mean `{ $id }`? known { $what }: { $list }{ $cut ->
    [yes] , … ({ $total } in all)
   *[no] {""}
  }
known-list = known { $what }: { $list }{ $cut ->
    [yes] , … ({ $total } in all)
   *[no] {""}
  }
known-none = no { $what } are defined yet

## Status table (vanban status)
status-head-agency = Agency
status-head-request = Request
status-head-state = State
status-head-received = Received
status-received = received
status-late = late
status-missing = missing
status-totals = { $requested } requested: { $received } received, { $late } late, { $missing } missing
status-no-request-latest = the latest data year with a request letter is { $latest }: `vanban status --year { $latest }`
status-no-request-none = write a công văn in letters/ first

## Dossier (vanban bundle)
bundle-wrote = wrote the dossier { $path }: { $files } files, { $evidence } evidence documents
bundle-no-year = no dossier: no request letter says which data year it is
bundle-no-year-hint = give the year: vanban bundle --year YYYY
bundle-refused = no dossier for { $year }: the build has errors
bundle-refused-hint = fix the errors above, then run `vanban bundle` again
bundle-no-report = no dossier for { $year }: no report of that year lists its evidence
bundle-no-report-hint = write the year's report (kind: bao-cao) first
help-vanban-bundle = Build, then write the year's dossier as one archive: documents, evidence, index, checksums
help-vanban-bundle-path = Project folder (default: the current folder)
help-vanban-bundle-year = Data year of the dossier (default: the latest)
help-vanban-bundle-out = Output folder (default: `<project>/out`; a relative one is in the project folder)
