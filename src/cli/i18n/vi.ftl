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
letter-blocked = văn bản không dựng được vì { $causes } có lỗi
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
answered-late = { $agency } trả lời muộn: nhận ngày { $received }, hạn { $deadline }
answered-late-hint = báo cáo có nêu các trả lời muộn; không cần sửa, trừ khi ngày nhận ghi sai
template-error = lỗi mẫu Typst: { $detail }

# remind, register, new-year.
remind-wrote = đã ghi { $path }
remind-nothing = ngày { $date } không có nội dung nào quá hạn
register-done = đã vào sổ: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-again = đã có trong sổ: Số { $number }/{ $symbol } ngày { $date } — { $letter }
register-per-agency = cùng { $count } công văn gửi từng đơn vị: Số { $first }–{ $last }
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
