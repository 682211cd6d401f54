## Kiểm tra dữ liệu dự án (validate, project, render)

# Letters (validate/letter).
letter-kind-unsupported = letter kind `{ $kind }` is not supported
letter-kind-unsupported-hint = use `kind: cong-van` (request letter), `kind: bao-cao` (report) or `kind: to-trinh` (tờ trình)
letter-data-year-range = data year { $year } is out of range
letter-data-year-range-hint = write the year the figures are about, e.g. `data_year: 2022`
letter-date-invalid = letter date `{ $value }` is not a date
letter-date-invalid-hint = write `YYYY-MM-DD`, or `YYYY-MM` to leave the day blank for signing
letter-deadline-invalid = deadline `{ $value }` is not a date
letter-deadline-invalid-hint = write the deadline as `YYYY-MM-DD`
letter-deadline-before-date = deadline { $deadline } is before the letter's date ({ $date })
letter-deadline-before-date-hint = the deadline comes after the letter is sent: check the year and the month
letter-number-zero = letter number 0 is not a valid number
letter-number-zero-hint = numbers start at 1; remove `number` for an unregistered draft
letter-unknown-unit = unknown drafting unit `{ $unit }`
letter-no-edition = no indicator catalogue edition covers data year { $year }
letter-no-edition-hint = add an edition to data/indicators.yaml whose from_year/to_year include this year
letter-report-recipients = a report is not sent to recipients
letter-report-recipients-hint = write the bodies a report is sent up to as lines under `to:`
letter-to-not-report = `to` only applies to reports
letter-to-not-report-hint = address a công văn with `recipients:` ids from data/recipients.yaml
letter-no-recipients = letter has no recipients
letter-no-recipients-hint = add `recipients:` with recipient or group ids from data/recipients.yaml
letter-recipient-twice = recipient `{ $id }` is listed twice
letter-recipient-twice-hint = remove the repeated entry
letter-group-empty = group `{ $id }` has no members
letter-group-empty-hint = set `group:` on the recipients that belong to it in data/recipients.yaml
letter-indicator-not-in-edition = indicator { $number } is not in edition `{ $edition }` of the catalogue (data year { $year })
letter-indicator-not-in-edition-hint = asked by letter `{ $letter }`; add indicator { $number } to edition `{ $edition }` in data/indicators.yaml, or fix the number

# The project as a whole, and fields every data file has (validate).
validate-letter-id-twice = letter id `{ $id }` is also used by `{ $other }`
validate-letter-id-twice-hint = letters are named after their file name; rename one of the files
validate-empty-recipient-name = recipient name is empty
validate-empty-recipient-name-hint = write the recipient name
validate-empty-indicator-name = indicator name is empty
validate-empty-indicator-name-hint = write the indicator name
validate-empty-signer-name = signer name is empty
validate-empty-signer-name-hint = write the signer name
validate-empty-signer-title = signer title is empty
validate-empty-signer-title-hint = write the signer title
validate-empty-signer-for = signer `for` title is empty
validate-empty-signer-for-hint = write the signer `for` title
validate-empty-agency-short-name = agency short name is empty
validate-empty-agency-short-name-hint = write the agency short name
validate-empty-agency-abbreviation = agency abbreviation is empty
validate-empty-agency-abbreviation-hint = write the agency abbreviation
validate-empty-agency-place = agency place name is empty
validate-empty-agency-place-hint = write the agency place name

# Recipients and groups (validate/directory).
directory-section-style = unknown section style `{ $style }`
directory-section-style-hint = use `list`, `inline` or `plain`
directory-indicator-field = `{ $field }` only applies to indicator requests
directory-indicator-field-hint = write the whole request in `text`, or use `indicator:` instead
directory-request-both = request has both `indicator` and `text`
directory-request-both-hint = a request is either an indicator of the catalogue or free text; split it in two
directory-request-neither = request has neither `indicator` nor `text`
directory-request-neither-hint = add `indicator: <number>` or `text: <what is asked>`
directory-id-twice = id `{ $id }` is used twice
directory-id-twice-hint = recipients and groups share one set of ids; rename one
directory-group-style = group `{ $id }` has unknown style `{ $style }`
directory-group-style-hint = use `listed`, `addressed` or `joint` (see README)
directory-listed-no-label = listed group `{ $id }` has no `label`
directory-listed-no-label-hint = add `label:`, e.g. `label: Các Sở`
directory-addressed-no-name = addressed group `{ $id }` has no `name`
directory-addressed-no-name-hint = add `name:` with the name the group is addressed by
directory-listed-no-short = recipient `{ $id }` is in listed group `{ $group }` but has no `short` name
directory-listed-no-short-hint = add `short:`, the name as it reads after the group label, e.g. `short: Xây dựng`
directory-unknown-group = recipient `{ $id }` names unknown group `{ $group }`

# The indicator catalogue (validate/catalogue).
catalogue-indicator-twice = indicator { $number } appears twice in edition `{ $edition }`
catalogue-indicator-twice-hint = each indicator number may appear once per edition
catalogue-edition-ends-early = edition `{ $edition }` ends ({ $to }) before it starts ({ $from })
catalogue-edition-ends-early-hint = `to_year` must not be earlier than `from_year`
catalogue-edition-overlap = edition `{ $edition }` covers the same data years as edition `{ $other }`
catalogue-edition-overlap-hint = each data year must belong to exactly one edition; adjust from_year/to_year
catalogue-per-population = indicator { $number } is computed per population but lacks `population` or a positive `per`
catalogue-per-population-hint = add `population: urban|rural|total|rural_households` and `per: 10000` (or 1000000)
catalogue-unknown-compute = indicator { $number } has unknown computation `{ $compute }`
catalogue-unknown-compute-hint = use `rate`, `per_population` or `total`, or leave `compute` out
catalogue-unknown-population = unknown population figure `{ $population }`
catalogue-unknown-population-hint = use `urban`, `rural`, `total` or `rural_households`

# The issuing agency and its signers (validate/agency).
agency-signer-twice = signer id `{ $id }` is used twice
agency-signer-twice-hint = give every signer a different id
agency-signer-line-break = signer `{ $id }`'s { $what } has a line break
agency-signer-line-break-hint = each line of a signature block is its own field: put the lines above the title in `authority_lines`, e.g. ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], and the signer's own title in `title`
agency-authority-both = signer `{ $id }` has both `authority_lines` and `authority`/`for`
agency-authority-both-hint = give the authority either as one line (`authority` and `for`) or as `authority_lines`
agency-authority-line = signer `{ $id }`: authority line `{ $line }` does not start with TM., KT., TL., TUQ. or Q. followed by whom it is for
agency-authority-line-hint = write each line as the decree does, e.g. "TM. ỦY BAN NHÂN DÂN" or "KT. CHỦ TỊCH" (ND 30/2020, Phụ lục I §II.7b)
agency-authority-shape = signer `{ $id }` has authority lines that ND 30 does not combine
agency-authority-shape-hint = at most two lines: "TM. <tập thể>" first, then "KT.", "TL.", "TUQ." or "Q." with the head's title (Phụ lục I §II.7b)
agency-authority-unknown = signer `{ $id }` has unknown authority `{ $authority }`
agency-authority-unknown-hint = use one of TM, KT, TL, TUQ, Q (ND 30/2020, Phụ lục I §II.7b)
agency-authority-no-for = signer `{ $id }` has an authority but no `for`
agency-authority-no-for-hint = add `for:` with the head's title, e.g. `for: GIÁM ĐỐC` for "KT. GIÁM ĐỐC"
agency-for-no-authority = signer `{ $id }` has `for` but no authority
agency-for-no-authority-hint = add `authority:` (TM, KT, TL, TUQ or Q) or remove `for`
agency-governing-body-empty = the governing body is empty
agency-governing-body-empty-hint = write the governing body, as one text or as a list of its header lines
agency-name-empty = the agency name is empty
agency-name-empty-hint = write the agency name, as one text or as a list of its header lines
agency-governing-body-line-break = the governing body has a line break
agency-governing-body-line-break-hint = give the governing body as a list of its lines, e.g. ["BAN QUẢN LÝ KHU KINH TẾ", "CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"]
agency-name-line-break = the agency name has a line break
agency-name-line-break-hint = give the agency name as a list of its lines, e.g. ["BAN QUẢN LÝ KHU KINH TẾ", "CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"]

# File names made from ids (model).
model-letter-file-empty = letter file name `{ $name }` is empty, so it cannot name an output file
model-letter-file-dot = letter file name `{ $name }` starts with a dot or ends with a dot or space, so it cannot name an output file
model-letter-file-char = letter file name `{ $name }` contains { $detail }, so it cannot name an output file
model-letter-file-reserved = letter file name `{ $name }` is a reserved device name on Windows, so it cannot name an output file
model-letter-file-long = letter file name `{ $name }` is { $detail } bytes long, so it cannot name an output file
model-recipient-id-empty = recipient id `{ $name }` is empty, so it cannot name an output file
model-recipient-id-dot = recipient id `{ $name }` starts with a dot or ends with a dot or space, so it cannot name an output file
model-recipient-id-char = recipient id `{ $name }` contains { $detail }, so it cannot name an output file
model-recipient-id-reserved = recipient id `{ $name }` is a reserved device name on Windows, so it cannot name an output file
model-recipient-id-long = recipient id `{ $name }` is { $detail } bytes long, so it cannot name an output file
model-pattern-name-empty = file name pattern gives a name for recipient `{ $recipient }`: the name `{ $name }` is empty, so it cannot name an output file
model-pattern-name-dot = file name pattern gives a name for recipient `{ $recipient }`: the name `{ $name }` starts with a dot or ends with a dot or space, so it cannot name an output file
model-pattern-name-char = file name pattern gives a name for recipient `{ $recipient }`: the name `{ $name }` contains { $detail }, so it cannot name an output file
model-pattern-name-reserved = file name pattern gives a name for recipient `{ $recipient }`: the name `{ $name }` is a reserved device name on Windows, so it cannot name an output file
model-pattern-name-long = file name pattern gives a name for recipient `{ $recipient }`: the name `{ $name }` is { $detail } bytes long, so it cannot name an output file
model-portable-name-hint = use letters, digits, `-` and `_`, e.g. `so-xay-dung`
catalogue-same-as-unknown = `same_as` names indicator { $number } of edition `{ $edition }`, which the catalogue does not have
catalogue-same-as-unknown-hint = name another edition's id and an indicator number it has, or remove `same_as`
catalogue-form-twice = indicator { $number } has form { $form }, which is already indicator { $other }'s
catalogue-form-twice-hint = give each indicator its own form number (`form:`)
letter-self-assessment-not-report = `self_assessment` belongs to a report (kind: bao-cao)
letter-self-assessment-not-report-hint = remove `self_assessment:`, or make the letter a report
letter-score-not-report = score of indicator { $number }: a công văn has no scores; they belong to a report (kind: bao-cao)
letter-score-unknown = score of indicator { $number }: the score is for an indicator the data year's catalogue edition does not assess
letter-score-twice = score of indicator { $number }: the indicator is scored twice
letter-score-points = score of indicator { $number }: points are a number, zero or more
letter-score-hint = see README, section on scores
letter-unknown-issuer = unknown issuer `{ $id }`
agency-issuer-no-id = an issuer has no `id`
agency-issuer-no-id-hint = give each of `issuers` an id, e.g. `id: "ubnd-tinh"`, which letters name as `issuer`
letter-to-trinh-no-to = a tờ trình says whom it goes to
letter-to-trinh-no-to-hint = add `to:` with the body that decides, e.g. "Ủy ban nhân dân tỉnh Lạng Sơn"
catalogue-unnamed-named = unnamed indicator { $number } of edition `{ $edition }` is also an indicator with a name
catalogue-unnamed-twice = unnamed indicator { $number } of edition `{ $edition }` is listed twice
catalogue-unnamed-hint = `unnamed` lists the numbers whose official name is not known; remove it from one of the lists
directory-years-reversed = { $kind ->
    [recipient] recipient `{ $id }`
   *[request] request
}: `to_year` { $to } is before `from_year` { $from }
directory-years-reversed-hint = `from_year` and `to_year` are the first and last data years it applies to
agency-issuer-twice = issuer id `{ $id }` is used twice
agency-issuer-twice-hint = give every issuing body a different id
