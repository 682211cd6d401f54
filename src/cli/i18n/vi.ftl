# Thông điệp của dòng lệnh vanban, tiếng Việt (ngôn ngữ mặc định).
# Mỗi khóa `code-…` là tên một loại vấn đề (mã ổn định trong `check --format json`).

label-error = lỗi
label-warning = cảnh báo
label-hint = gợi ý
stops-documents = { $count ->
    [one] dừng 1 tài liệu: { $list }
   *[other] dừng { $count } tài liệu: { $list }
}

build-wrote = đã ghi { $path } ({ $why })
build-removed = đã xóa { $path } (tệp nguồn không còn)
build-changed = thay đổi năm { $year } chỉ số { $number }: { $what }
build-up-to-date = không đổi { $path }
build-unchanged = { $count } tài liệu không đổi
build-time = thời gian { $stage }: { $ms } ms
build-time-steps = thời gian mỗi tài liệu, cộng trên các luồng, { $step }: { $ms } ms
build-summary = { $errors } lỗi, { $warnings } cảnh báo; đã ghi { $written } tài liệu, { $unchanged } không đổi{ $failed ->
    [0] {""}
   *[other] , { $failed } không dựng được
}
build-ok = xong: đã ghi { $written } tài liệu, { $unchanged } không đổi, không có vấn đề
check-summary = { $errors } lỗi, { $warnings } cảnh báo
check-ok = xong: không có vấn đề
watch-started = đang theo dõi { $path } (Ctrl-C để dừng)
watch-changed = tệp thay đổi: { $names }

code-yaml = tệp YAML
code-todo = còn TODO
code-agency = cơ quan ban hành
code-catalogue = danh mục chỉ số
code-directory = danh sách đơn vị nhận
code-letter = công văn
code-answer = số liệu trả lời
code-figure = cách viết số
code-evidence = tệp minh chứng
code-not-answered = chưa trả lời
code-answered-late = trả lời muộn
code-no-deadline = không có thời hạn
code-blocked = không dựng được
code-empty = không có gì để dựng
code-mail-merge = trộn văn bản
code-template = mẫu Typst
code-workbook = biểu mẫu trả lời
code-glyph = ký tự không in được
code-font = phông chữ
code-text = mã chữ
code-layout = trình bày trang
code-output-twice = trùng tệp ra
code-changed-outside = tệp sửa ngoài vanban
code-register = sổ đăng ký văn bản đi
code-new-year = năm mới

# Lý do dựng lại một tài liệu ("đã ghi … (lý do)").
why-new = mới
why-output-missing = tệp ra không còn
why-changed-outside = tệp ra bị sửa ngoài vanban
why-data-changed = dữ liệu thay đổi
why-templates-changed = mẫu thay đổi
why-fonts-changed = phông chữ thay đổi
why-tool-changed = phiên bản vanban thay đổi
why-forced = dựng lại theo yêu cầu
why-overdue = quá hạn

# Nội dung các vấn đề (thông điệp chính và gợi ý), theo khóa của danh mục.
yaml-invalid = YAML không hợp lệ: { $detail }
yaml-missing-field = thiếu trường `{ $field }`
yaml-missing-field-hint = thêm trường còn thiếu; README liệt kê các trường của từng tệp
unknown-recipient = không có đơn vị nhận `{ $id }`
unknown-signer = không có người ký `{ $id }`
letter-blocked = văn bản không dựng được vì { $causes_vi } có lỗi
blocked-hint = sửa các lỗi về dữ liệu nêu ở trên; lỗi này là hệ quả của chúng
report-blocked-by-request = báo cáo `{ $report }` không dựng được vì công văn đề nghị `{ $request }` có lỗi
report-blocked-by-request-hint = sửa các lỗi của công văn đó nêu ở trên; lỗi này là hệ quả của chúng
report-blocked-by-answers = báo cáo `{ $report }` không dựng được vì số liệu trả lời trong data/{ $year }/ có lỗi
report-no-answers = báo cáo `{ $report }` không dựng được: data/{ $year }/ chưa có trả lời nào của các đơn vị được đề nghị
report-no-answers-hint = thêm văn bản trả lời của từng đơn vị vào data/{ $year }/<mã đơn vị>.yaml; `vanban status --year { $year }` cho biết đơn vị nào còn nợ
status-no-request = không có công văn đề nghị nào cho số liệu năm { $year }, nên không đơn vị nào nợ gì
recipient-unaddressed = đơn vị `{ $id }` không được công văn đề nghị nào gửi tới
recipient-unaddressed-hint = thêm đơn vị vào `recipients:` của một công văn, hoặc xóa khỏi data/recipients.yaml nếu không còn gửi
indicator-no-compute = chỉ số { $number } có số liệu ở đây nhưng data/indicators.yaml không ghi cách tính `compute`, nên báo cáo in "-"
indicator-no-compute-hint = thêm `compute: total`, `rate` hoặc `per_population` cho chỉ số { $number } trong data/indicators.yaml, hoặc chỉ ghi `value`
not-answered = { $agency }: { $count } nội dung quá hạn năm { $year } (hạn { $deadline }): chỉ số { $indicators }
not-answered-hint = thêm vào { $file } khi nhận được, hoặc gửi công văn đôn đốc (vanban remind)
not-answered-short = { $agency }: { $count } nội dung quá hạn (hạn { $deadline })
not-answered-more = chi tiết từng chỉ số và cách xử lý: thêm --verbose; danh sách đầy đủ: vanban status
answered-late = { $agency } trả lời muộn: nhận ngày { $received }, hạn { $deadline }
answered-late-hint = báo cáo có nêu các trả lời muộn; không cần sửa, trừ khi ngày nhận ghi sai
template-error = lỗi mẫu Typst: { $detail }

# remind, register, new-year.
remind-wrote = đã ghi { $path }
remind-nothing = ngày { $date } không có nội dung nào quá hạn
register-done = đã vào sổ: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-again = đã có trong sổ: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-per-agency = cùng { $count } công văn gửi từng đơn vị: Số { $first }–{ $last }
review-wrote = đã ghi { $path }
review-nothing = không đơn vị nào có số liệu cần rà soát
review-no-wording = công văn `{ $letter }` không có mục `review`, nên không viết được công văn đề nghị rà soát
review-no-wording-hint = thêm `review:` với `subject`, `opening`, `closing`, `days` (xem README)
import-created = đã tạo { $answers } từ { $workbook }
import-updated = đã cập nhật { $answers } từ { $workbook }
import-unchanged = { $answers } không thay đổi ({ $workbook })
import-would-create = sẽ tạo { $answers } từ { $workbook } (--dry-run: chưa ghi gì)
import-would-update = sẽ cập nhật { $answers } từ { $workbook } (--dry-run: chưa ghi gì)
new-year-created = đã tạo { $path }
new-year-next = điền mọi chỗ TODO, rồi chạy `vanban check`

# Cách viết số trong tệp số liệu.
figure-thousands-dot = số `{ $key }: { $token }` có dấu chấm phân cách hàng nghìn, nên sẽ bị đọc thành một số khác
figure-plain-digits-hint = viết số bằng chữ số liền, không dấu phân cách: `{ $key }: { $first }`
figure-ambiguous-dot = số `{ $key }: { $token }` có dấu chấm trước ba chữ số: phân cách hàng nghìn hay dấu thập phân?
figure-ambiguous-dot-hint = viết `{ $key }: { $first }` nếu là số nguyên (YAML sẽ đọc { $token } thành { $second }), hoặc `{ $key }: { $second }` nếu là số thập phân
figure-decimal-comma = số `{ $key }: { $token }` dùng dấu phẩy thập phân, YAML không đọc được thành số
figure-decimal-comma-hint = viết phần thập phân sau dấu chấm: `{ $key }: { $first }`
figure-ambiguous-comma = số `{ $key }: { $token }` có dấu phẩy: phân cách hàng nghìn hay dấu thập phân?
figure-ambiguous-comma-hint = viết `{ $key }: { $first }` nếu là số nguyên, hoặc `{ $key }: { $second }` nếu là số thập phân
figure-spaces = số `{ $key }: { $token }` có khoảng trắng giữa các chữ số
figure-quoted = số `{ $key }: { $token }` nằm trong dấu ngoặc kép, nên là chữ, không phải số
figure-quoted-hint = bỏ dấu ngoặc kép, viết chữ số liền: `{ $key }: { $first }`

# Số liệu trả lời.
answer-not-a-date = { $field ->
    [received] ngày nhận
    [reply] ngày văn bản trả lời
   *[other] { $what }
} `{ $value }` không phải là ngày
answer-not-a-date-hint = viết ngày theo dạng `YYYY-MM-DD` (năm-tháng-ngày)
answer-twice = chỉ số { $number } được trả lời hai lần trong tệp này
answer-twice-hint = ghi mọi số liệu của một chỉ số trong một mục trả lời, thành các dòng `rows` nếu cộng lại được
answer-no-figures = chỉ số { $number } không có số liệu
answer-no-figures-hint = thêm `numerator` (và `denominator` nếu là tỷ lệ), `rows`, hoặc `value`
answer-percentage-range = tỷ lệ phần trăm { $value } nằm ngoài khoảng 0–100
answer-percentage-range-hint = tỷ lệ phần trăm ghi trực tiếp phải từ 0 đến 100
answer-numerator-over-denominator = tử số { $numerator } lớn hơn mẫu số { $denominator } của một tỷ lệ
answer-swapped-hint = tỷ lệ đếm một phần của tổng thể: kiểm tra xem hai số có bị đảo chỗ không
answer-rows-and-totals = chỉ số { $number } vừa có các dòng vừa có số tổng
answer-rows-and-totals-hint = chỉ ghi hoặc `rows` (được cộng lại), hoặc `numerator`/`denominator`, không ghi cả hai
answer-inactive = chỉ số { $number } không được đánh giá năm { $year }; số liệu này không được dùng
answer-inactive-hint = xóa số liệu, hoặc bỏ năm này khỏi `inactive_years` trong data/indicators.yaml

## Biểu mẫu trả lời (vanban import)
workbook-unreadable = không đọc được tệp biểu mẫu `{ $file }`: { $cause }
workbook-unreadable-hint = nhập đúng tệp .xlsx, .xls hoặc .ods đơn vị gửi lại, giữ nguyên như khi nhận
workbook-not-form = `{ $file }` không phải biểu mẫu trả lời do vanban tạo (thiếu trang ẩn `vanban` hoặc khác phiên bản)
workbook-not-form-hint = nhập tệp biểu mẫu `vanban build` đã tạo kèm công văn gửi đơn vị, đã được điền và gửi lại; biểu đơn vị tự lập thì nhập tay vào data/<năm>/
workbook-sheet-missing = thiếu trang tính `{ $sheet }` trong `{ $file }`
workbook-sheet-missing-hint = không được đổi tên hay xóa trang tính: đề nghị đơn vị điền vào tệp gốc
workbook-row-unlabelled = dòng này có số liệu nhưng không ghi nội dung
workbook-row-unlabelled-hint = ghi ở cột B dòng này tính cho cái gì (huyện, cơ sở), hoặc xóa số liệu của dòng
workbook-row-unfilled = dòng `{ $label }` chưa có số liệu trong khi các dòng khác của trang đã có
workbook-row-unfilled-hint = điền số liệu (không có thì ghi 0), hoặc xóa nội dung dòng nếu không áp dụng
workbook-evidence-indicator = dòng tài liệu minh chứng không ghi chỉ số nào của biểu mẫu
workbook-evidence-indicator-hint = ghi số của chỉ số mà tài liệu chứng minh: { $numbers }
workbook-cell-empty = ô này để trống nhưng dòng cần có
workbook-cell-empty-hint = điền vào (không có thì ghi 0), hoặc xóa cả dòng
workbook-figure-notation = số `{ $typed }` được gõ dưới dạng chữ nên bảng tính không tính được (theo cách viết Việt Nam là { $reading })
workbook-figure-notation-hint = xóa ô rồi gõ lại số { $reading } (không gõ dấu phân cách hàng nghìn), để bảng tính hiểu là số
workbook-figure-text = `{ $typed }` là chữ, không phải số liệu
workbook-figure-text-hint = ô này chỉ gõ số; đơn vị ghi ở cột C, ghi chú ở cột H
workbook-figure-shown = ô này hiển thị { $shown } nhưng giá trị lưu trong ô là { $held }: định dạng số của ô khiến số hiển thị khác số liệu thật
workbook-figure-shown-hint = gõ lại số liệu dưới dạng số thường, theo đơn vị tính ở cột C; trang tính đang được bảo vệ nên chưa đổi được định dạng ô: bỏ bảo vệ trước (thẻ Xem lại → Bỏ bảo vệ Trang tính, không có mật khẩu), đặt định dạng ô là Số (Number) rồi gõ lại
workbook-formats-unreadable = không đọc được cách các ô của `{ $file }` hiển thị số
workbook-formats-unreadable-hint = mở tệp bằng LibreOffice, lưu lại dạng .xlsx rồi nhập tệp đó
workbook-formats-unknown = vanban không thấy được các ô của `{ $file }` hiển thị số thế nào: số gõ là 45% sẽ được đọc là 0,45
workbook-formats-unknown-hint = xem lại các số liệu bằng `vanban import --dry-run`, hoặc mở tệp bằng Excel hay LibreOffice, lưu lại dạng .xlsx rồi nhập tệp đó
workbook-date = `{ $typed }` không phải ngày
workbook-date-hint = gõ ngày theo dạng ngày/tháng/năm, ví dụ 24/02/2023
workbook-twice = `{ $file }` trả lời cho cùng đơn vị và năm với `{ $other }`
workbook-twice-hint = mỗi lần chỉ nhập một biểu trả lời cho một đơn vị và một năm; biểu nhập sau thay biểu trước
workbook-other-letter = `{ $file }` trả lời công văn `{ $letter }` năm số liệu { $year }, dự án này không có công văn đó
workbook-other-letter-hint = nhập vào dự án (và năm) có công văn mà biểu này trả lời
workbook-other-agency = `{ $file }` là biểu mẫu của `{ $recipient }`, công văn `{ $letter }` không gửi đơn vị này
workbook-other-agency-hint = kiểm tra đơn vị có gửi lại đúng biểu của mình không; tên đơn vị ghi ở trang đầu biểu
workbook-answers-unreadable = `{ $answers }` đã có nhưng không đọc được, nên không gộp được `{ $file }` vào
workbook-answers-unreadable-hint = sửa các lỗi của tệp đó trước, rồi nhập lại
workbook-reply-half = số và ngày của văn bản trả lời phải có cả hai; một trong hai đang để trống
workbook-reply-half-hint = điền cả số và ngày văn bản trả lời của đơn vị, hoặc xóa cả hai
workbook-evidence-missing = tệp minh chứng `{ $name }` không có cạnh tệp biểu mẫu
workbook-evidence-missing-hint = đặt tệp đơn vị gửi vào cùng thư mục với biểu mẫu, đúng tên này, hoặc xóa ô
workbook-other-number = `{ $file }` là biểu mẫu của công văn số { $written }, nhưng công văn gửi `{ $recipient }` đã đăng ký số { $registered }
workbook-other-number-hint = nhập biểu mẫu gửi kèm công văn đã đăng ký; biểu mẫu cũ có thể mang số khác
workbook-out-of-scope = dòng `{ $label }` thuộc địa bàn của `{ $other }`, không phải của `{ $recipient }`
workbook-out-of-scope-hint = mỗi đơn vị báo cáo địa bàn của mình: `{ $other }` cung cấp số liệu này trong biểu của mình; xóa dòng này
workbook-below-rows = ô này nằm dưới các dòng của biểu nên sẽ không được đọc
workbook-below-rows-hint = dùng các dòng trống của biểu; cần nhiều dòng hơn thì đề nghị gửi biểu có thêm dòng, hoặc gửi số liệu ở một trang tính riêng
workbook-note-alone = ghi chú này nằm ở dòng không có số liệu nên sẽ không được nhập
workbook-note-alone-hint = ghi chú vào dòng có số liệu, hoặc vào trang "Nội dung khác" hay văn bản trả lời
workbook-total-and-rows = dòng `{ $total }` đứng cùng các dòng cộng lại được sẽ bị tính hai lần
workbook-total-and-rows-hint = chỉ ghi dòng tổng, hoặc chỉ ghi các dòng chi tiết, không ghi cả hai
workbook-meta-edited = trang ẩn `{ $sheet }` của `{ $file }` đã bị sửa: các dòng ghi trong đó không hợp lý
workbook-meta-edited-hint = đề nghị đơn vị điền vào biểu mẫu đúng như khi gửi đi
workbook-evidence-unanswered = tài liệu minh chứng cho chỉ số { $number }, chỉ số chưa có số liệu, nên không ghi nhận được
workbook-evidence-unanswered-hint = điền trang biểu mẫu của chỉ số đó, hoặc xóa dòng này
workbook-evidence-clash = một tệp khác cùng tên `{ $name }` đã được nhập trước đây cho đơn vị này
workbook-evidence-clash-hint = đổi tên tệp mới (thêm số hoặc ngày văn bản), cả tệp đặt cạnh biểu mẫu và trong ô này
workbook-unit = đơn vị tính `{ $unit }` không phải đơn vị của biểu `{ $expected }`
workbook-unit-hint = đổi số liệu sang { $expected } và ghi lại đơn vị đó
workbook-comments-lost = các chú thích ở dòng { $lines } không được giữ khi nhập biểu ghi lại tệp này
workbook-comments-lost-hint = chuyển nội dung các chú thích đó vào trường `note:` hoặc vào phần chú thích đầu tệp (phần này được giữ)
workbook-sheet-empty = trang `{ $sheet }` để trống: chỉ số { $number } vẫn chưa có trả lời
workbook-sheet-empty-kept = trang `{ $sheet }` để trống: chỉ số { $number } giữ số liệu đã có
workbook-sheet-empty-hint = đề nghị đơn vị cung cấp số liệu nếu đã đến hạn
answer-figure-nan = { $what -> 
    [numerator] tử số
    [denominator] mẫu số
    [value] giá trị
    [population] dân số
    [rural-population] dân số nông thôn
    [rural-households] số hộ nông thôn
    [total-population] tổng dân số
   *[other] { $what }
  } không phải là số
answer-figure-nan-hint = viết số bằng chữ số, ví dụ `1234.5`
answer-figure-negative = { $what ->
    [numerator] tử số
    [denominator] mẫu số
    [value] giá trị
    [population] dân số
    [rural-population] dân số nông thôn
    [rural-households] số hộ nông thôn
    [total-population] tổng dân số
   *[other] { $what }
  } { $value } là số âm
answer-figure-negative-hint = số liệu là số đếm: ghi 0 hoặc một số dương
answer-figure-large = { $what ->
    [numerator] tử số
    [denominator] mẫu số
    [value] giá trị
    [population] dân số
    [rural-population] dân số nông thôn
    [rural-households] số hộ nông thôn
    [total-population] tổng dân số
   *[other] { $what }
  } { $value } quá lớn
answer-figure-large-hint = kiểm tra số liệu và đơn vị tính; số liệu giới hạn ở 10^15

## Trợ giúp (--help)
help-heading-usage = Cách dùng:
help-heading-options = Tùy chọn
help-heading-arguments = Đối số
help-heading-commands = Lệnh
help-value-command = LỆNH
help-flag-help = In trợ giúp
help-flag-version = In phiên bản
help-word-options = [TÙY CHỌN]
help-word-values = Giá trị:
help-word-default = (mặc định)
help-word-unknown-command = lỗi: không có lệnh
help-word-unknown-argument = lỗi: không có đối số
help-word-required = lỗi: còn thiếu các đối số bắt buộc sau:
help-word-invalid-value = lỗi: giá trị không hợp lệ
help-word-error = lỗi:{" "}
help-word-similar-command = gợi ý: có lệnh gần giống:
help-word-similar-argument = gợi ý: có đối số gần giống:
help-word-tip = gợi ý:{" "}
help-word-more = Xem thêm: '--help'.
help-word-found = {""}
help-word-for = {" "}cho '

## Trợ giúp từng lệnh, từng đối số (--help)
help-vanban = Dựng công văn, báo cáo hành chính tiếng Việt (Nghị định 30/2020) từ YAML qua Typst, sẵn sàng ký số
help-vanban-quiet = Chỉ in lỗi
help-vanban-verbose = In cả tài liệu không đổi và chi tiết từng cảnh báo
help-vanban-lang = Ngôn ngữ thông báo: vi (mặc định) hoặc en; không ghi thì máy đặt ngôn ngữ tiếng Anh (LANG=en…) sẽ dùng tiếng Anh
help-vanban-build = Dựng các công văn, báo cáo có đầu vào thay đổi thành PDF trong `out/`
help-vanban-build-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-build-out = Thư mục kết quả (mặc định: `<dự án>/out`; đường dẫn tương đối tính từ thư mục dự án)
help-vanban-build-force = Dựng lại mọi tài liệu, không chỉ tài liệu có đầu vào thay đổi
help-vanban-build-merged = Ghi thêm mỗi công văn một tệp PDF gộp mọi công văn gửi từng đơn vị, để in
help-vanban-build-draft = Đóng dấu "DỰ THẢO" mọi văn bản chưa có số, làm bản xem duyệt
help-vanban-build-force_signed = Cùng --force: ghi đè cả PDF đã ký số
help-vanban-build-as_of = Cảnh báo số liệu quá hạn tính đến ngày này, YYYY-MM-DD (mặc định: hôm nay)
help-vanban-build-year = Năm số liệu được nhắc nội dung còn thiếu (mặc định: năm mới nhất)
help-vanban-build-timings = Ghi thời gian từng bước và bộ nhớ tối đa của lần chạy ra JSON (cho `vanban bench`)
help-vanban-watch = Dựng, rồi dựng lại mỗi khi lưu một tệp của dự án (Ctrl-C để dừng)
help-vanban-watch-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-watch-out = Thư mục kết quả (mặc định: `<dự án>/out`; đường dẫn tương đối tính từ thư mục dự án)
help-vanban-remind = Viết công văn đôn đốc gửi các đơn vị còn nợ nội dung
help-vanban-remind-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-remind-as_of = Ngày của công văn đôn đốc, YYYY-MM-DD: ai còn nợ gì vào ngày đó
help-vanban-remind-year = Năm số liệu có công văn đề nghị được đôn đốc (mặc định: năm mới nhất)
help-vanban-remind-out = Thư mục kết quả (mặc định: `<dự án>/out`; đường dẫn tương đối tính từ thư mục dự án)
help-vanban-review = Viết công văn đề nghị rà soát, bổ sung số liệu gửi từng đơn vị có số liệu chưa hợp lệ
help-vanban-review-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-review-as_of = Ngày của công văn, YYYY-MM-DD (mặc định: hôm nay)
help-vanban-review-year = Năm số liệu được rà soát (mặc định: năm mới nhất)
help-vanban-review-out = Thư mục kết quả (mặc định: `<dự án>/out`; đường dẫn tương đối tính từ thư mục dự án)
help-vanban-import = Nhập biểu mẫu trả lời đơn vị gửi lại (.xlsx, .xls, .ods) vào data/<năm>/, kiểm tra trước khi ghi
help-vanban-import-files = Các tệp biểu mẫu các đơn vị gửi lại
help-vanban-import-dry_run = Cho biết số liệu nào sẽ thay đổi (cũ → mới); không ghi gì
help-vanban-import-received = Ngày nhận, YYYY-MM-DD (mặc định: hôm nay với trả lời mới)
help-vanban-import-project = Thư mục dự án (mặc định: dự án chứa thư mục hiện tại)
help-vanban-register = Ghi số, ngày ban hành của văn bản đã ký, dựng lại và vào sổ đăng ký văn bản đi
help-vanban-register-letter = Tệp công văn, ví dụ letters/2022/de-nghi-cung-cap-thong-tin.yaml
help-vanban-register-number = Số văn thư cấp
help-vanban-register-date = Ngày ban hành, YYYY-MM-DD
help-vanban-register-reminder = Đăng ký các công văn đôn đốc của ngày này (như `remind --as-of` đã viết), đánh số từ --number, thay cho công văn gốc
help-vanban-register-project = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-completions = In tập lệnh tự hoàn thành cho shell SHELL (bash, zsh, fish, powershell, elvish)
help-vanban-completions-shell = Shell
help-vanban-new-year = Viết công văn của năm số liệu sau từ năm nay, đánh dấu TODO những chỗ cần xem lại
help-vanban-new-year-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-new-year-from = Năm số liệu làm gốc (mặc định: năm mới nhất)
help-vanban-bench = Đo thời gian dựng toàn bộ, dựng lại sau một lần sửa số và bộ nhớ tối đa trên một đợt giả lập cấp quốc gia, ghi kết quả ra Markdown
help-vanban-bench-provinces = Số tỉnh của đợt giả lập
help-vanban-bench-recipients = Số đơn vị nhận mỗi tỉnh
help-vanban-bench-report = Nơi ghi báo cáo Markdown
help-vanban-bench-work = Tạo đợt giả lập ở đây và giữ lại (thư mục `campaign/` và `typst/` được thay mới; mặc định: thư mục tạm, xóa sau khi đo)
help-vanban-bench-repeat = Số lần đo mỗi kiểu dựng (báo cáo lấy trung vị)
help-vanban-schema = Ghi JSON Schema của từng loại tệp YAML vào data/schemas/, cho trình soạn thảo
help-vanban-schema-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-check = Kiểm tra dự án, không dựng
help-vanban-check-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-check-as_of = Cảnh báo số liệu quá hạn tính đến ngày này, YYYY-MM-DD (mặc định: hôm nay)
help-vanban-check-year = Năm số liệu được nhắc nội dung còn thiếu (mặc định: năm mới nhất)
help-vanban-check-format = Dạng in các vấn đề tìm thấy
help-vanban-status = Cho biết từng đơn vị, từng nội dung đề nghị: đã nhận, nộp muộn hay còn thiếu
help-vanban-status-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-status-year = Năm số liệu (mặc định: năm mới nhất có công văn đề nghị)
help-vanban-status-format = Dạng in

## "Có phải …?" sau một id không có
known-closest = có phải `{ $id }`? { $kind ->
    [recipients] Các đơn vị nhận
    [groups] Các nhóm
    [units] Các đơn vị soạn thảo trong data/agency.yaml
    [signers] Những người ký trong data/agency.yaml
    [issuer-signers] Những người ký trong data/issuers.yaml
    [issuers] Các cơ quan ban hành trong data/issuers.yaml
   *[addressees] Các đơn vị nhận và nhóm
  } đã khai báo: { $list }{ $cut ->
    [yes] , … (tất cả { $total })
   *[no] {""}
  }
known-list = { $kind ->
    [recipients] các đơn vị nhận
    [groups] các nhóm
    [units] các đơn vị soạn thảo trong data/agency.yaml
    [signers] những người ký trong data/agency.yaml
    [issuer-signers] những người ký trong data/issuers.yaml
    [issuers] các cơ quan ban hành trong data/issuers.yaml
   *[addressees] các đơn vị nhận và nhóm
  } đã khai báo: { $list }{ $cut ->
    [yes] , … (tất cả { $total })
   *[no] {""}
  }
known-none = chưa khai báo { $kind ->
    [recipients] đơn vị nhận nào
    [groups] nhóm nào
    [units] đơn vị soạn thảo nào trong data/agency.yaml
    [signers] người ký nào trong data/agency.yaml
    [issuer-signers] người ký nào trong data/issuers.yaml
    [issuers] cơ quan ban hành nào khác trong data/issuers.yaml
   *[addressees] đơn vị nhận hay nhóm nào
  }

## Bảng tình hình trả lời (vanban status)
status-head-agency = Đơn vị
status-head-request = Nội dung đề nghị
status-head-state = Tình trạng
status-head-received = Ngày nhận
status-received = đã nhận
status-late = nộp muộn
status-missing = chưa nộp
status-totals = { $requested } nội dung đề nghị: { $received } đã nhận, { $late } nộp muộn, { $missing } chưa nộp
status-no-request-latest = năm số liệu mới nhất có công văn đề nghị là { $latest }: `vanban status --year { $latest }`
status-no-request-none = viết một công văn đề nghị trong letters/ trước

## Hồ sơ (vanban bundle)
bundle-wrote = đã ghi hồ sơ { $path }: { $files } tệp, { $evidence } tài liệu kiểm chứng
bundle-no-year = không lập hồ sơ: chưa có công văn đề nghị nào cho biết năm số liệu
bundle-no-year-hint = ghi năm: vanban bundle --year YYYY
bundle-refused = không lập hồ sơ năm { $year }: lần dựng còn lỗi
bundle-refused-hint = sửa các lỗi nêu ở trên, rồi chạy lại `vanban bundle`
bundle-no-report = không lập hồ sơ năm { $year }: chưa có báo cáo nào của năm đó liệt kê tài liệu kiểm chứng
bundle-no-report-hint = viết báo cáo của năm (kind: bao-cao) trước
help-vanban-bundle = Dựng, rồi ghi hồ sơ của năm thành một tệp nén: văn bản, tài liệu kiểm chứng, danh mục, mã kiểm tra
help-vanban-bundle-path = Thư mục dự án (mặc định: thư mục hiện tại)
help-vanban-bundle-year = Năm số liệu của hồ sơ (mặc định: năm mới nhất)
help-vanban-bundle-out = Thư mục kết quả (mặc định: `<dự án>/out`; đường dẫn tương đối tính từ thư mục dự án)
