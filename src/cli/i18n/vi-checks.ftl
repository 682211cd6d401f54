## Kiểm tra dữ liệu dự án (validate, project, render)

# Công văn, báo cáo (validate/letter).
letter-kind-unsupported = không hỗ trợ loại văn bản `{ $kind }`
letter-kind-unsupported-hint = dùng `kind: cong-van` (công văn đề nghị), `kind: bao-cao` (báo cáo) hoặc `kind: to-trinh` (tờ trình)
letter-data-year-range = năm số liệu { $year } nằm ngoài khoảng cho phép
letter-data-year-range-hint = ghi năm mà số liệu phản ánh, ví dụ `data_year: 2022`
letter-date-invalid = ngày văn bản `{ $value }` không phải là ngày hợp lệ
letter-date-invalid-hint = viết theo dạng `YYYY-MM-DD`, hoặc `YYYY-MM` để trống ngày, điền khi ký
letter-deadline-invalid = thời hạn `{ $value }` không phải là ngày hợp lệ
letter-deadline-invalid-hint = viết thời hạn theo dạng `YYYY-MM-DD` (năm-tháng-ngày)
letter-deadline-before-date = thời hạn { $deadline } sớm hơn ngày văn bản ({ $date })
letter-deadline-before-date-hint = thời hạn phải sau ngày gửi văn bản: kiểm tra lại năm và tháng
letter-number-zero = số văn bản 0 không hợp lệ
letter-number-zero-hint = số văn bản bắt đầu từ 1; xóa `number` nếu là dự thảo chưa vào sổ đăng ký văn bản đi
letter-unknown-unit = không có đơn vị soạn thảo `{ $unit }`
letter-no-edition = không có phiên bản danh mục chỉ số nào áp dụng cho năm số liệu { $year }
letter-no-edition-hint = thêm vào data/indicators.yaml một phiên bản có khoảng from_year/to_year bao gồm năm này
letter-report-recipients = báo cáo không gửi cho các đơn vị nhận trong `recipients`
letter-report-recipients-hint = ghi các cơ quan cấp trên nhận báo cáo dưới `to:`, mỗi cơ quan một dòng
letter-to-not-report = `to` chỉ dùng cho báo cáo
letter-to-not-report-hint = ghi nơi nhận công văn trong `recipients:` bằng mã đơn vị trong data/recipients.yaml
letter-no-recipients = công văn chưa có đơn vị nhận
letter-no-recipients-hint = thêm `recipients:` với mã đơn vị nhận hoặc mã nhóm trong data/recipients.yaml
letter-recipient-twice = đơn vị nhận `{ $id }` được ghi hai lần
letter-recipient-twice-hint = xóa dòng bị lặp
letter-group-empty = nhóm `{ $id }` không có đơn vị nào
letter-group-empty-hint = ghi `group:` cho các đơn vị nhận thuộc nhóm này trong data/recipients.yaml
letter-indicator-not-in-edition = chỉ số { $number } không có trong phiên bản `{ $edition }` của danh mục chỉ số (năm số liệu { $year })
letter-indicator-not-in-edition-hint = công văn `{ $letter }` đề nghị chỉ số này; thêm chỉ số { $number } vào phiên bản `{ $edition }` trong data/indicators.yaml, hoặc sửa lại số chỉ số

# Toàn dự án, và các trường chung của tệp dữ liệu (validate).
validate-letter-id-twice = mã văn bản `{ $id }` trùng với văn bản `{ $other }`
validate-letter-id-twice-hint = mã văn bản lấy theo tên tệp; đổi tên một trong hai tệp
validate-empty-recipient-name = tên đơn vị nhận để trống
validate-empty-recipient-name-hint = ghi tên đơn vị nhận
validate-empty-indicator-name = tên chỉ số để trống
validate-empty-indicator-name-hint = ghi tên chỉ số
validate-empty-signer-name = họ tên người ký để trống
validate-empty-signer-name-hint = ghi họ tên người ký
validate-empty-signer-title = chức vụ người ký để trống
validate-empty-signer-title-hint = ghi chức vụ của người ký
validate-empty-signer-for = chức danh trong `for` của người ký để trống
validate-empty-signer-for-hint = ghi chức danh trong `for` của người ký
validate-empty-agency-short-name = tên gọi ngắn của cơ quan để trống
validate-empty-agency-short-name-hint = ghi tên gọi ngắn của cơ quan
validate-empty-agency-abbreviation = chữ viết tắt tên cơ quan để trống
validate-empty-agency-abbreviation-hint = ghi chữ viết tắt tên cơ quan (dùng trong ký hiệu văn bản)
validate-empty-agency-place = địa danh của cơ quan để trống
validate-empty-agency-place-hint = ghi địa danh của cơ quan

# Đơn vị nhận và nhóm (validate/directory).
directory-section-style = không có kiểu trình bày mục `{ $style }`
directory-section-style-hint = dùng `list`, `inline` hoặc `plain`
directory-indicator-field = `{ $field }` chỉ dùng cho yêu cầu theo chỉ số
directory-indicator-field-hint = ghi toàn bộ nội dung yêu cầu trong `text`, hoặc dùng `indicator:` thay thế
directory-request-both = yêu cầu có cả `indicator` lẫn `text`
directory-request-both-hint = mỗi yêu cầu hoặc là một chỉ số trong danh mục chỉ số, hoặc là nội dung tự do; tách thành hai yêu cầu
directory-request-neither = yêu cầu không có `indicator` cũng không có `text`
directory-request-neither-hint = thêm `indicator: <số chỉ số>` hoặc `text: <nội dung yêu cầu>`
directory-id-twice = mã `{ $id }` bị dùng hai lần
directory-id-twice-hint = đơn vị nhận và nhóm dùng chung một bộ mã; đổi một trong hai mã
directory-group-style = nhóm `{ $id }` có kiểu `{ $style }` không hợp lệ
directory-group-style-hint = dùng `listed`, `addressed` hoặc `joint` (xem README)
directory-listed-no-label = nhóm liệt kê `{ $id }` chưa có `label`
directory-listed-no-label-hint = thêm `label:`, ví dụ `label: Các Sở`
directory-addressed-no-name = nhóm gửi chung `{ $id }` chưa có `name`
directory-addressed-no-name-hint = thêm `name:` với tên dùng khi gửi chung cho cả nhóm
directory-listed-no-short = đơn vị nhận `{ $id }` thuộc nhóm liệt kê `{ $group }` nhưng chưa có tên ngắn `short`
directory-listed-no-short-hint = thêm `short:`, tên đơn vị đọc sau nhãn của nhóm, ví dụ `short: Xây dựng`
directory-unknown-group = đơn vị nhận `{ $id }` ghi nhóm `{ $group }`, nhưng không có nhóm này

# Danh mục chỉ số (validate/catalogue).
catalogue-indicator-twice = chỉ số { $number } xuất hiện hai lần trong phiên bản `{ $edition }`
catalogue-indicator-twice-hint = mỗi số chỉ số chỉ được xuất hiện một lần trong một phiên bản
catalogue-edition-ends-early = phiên bản `{ $edition }` kết thúc ({ $to }) trước khi bắt đầu ({ $from })
catalogue-edition-ends-early-hint = `to_year` không được sớm hơn `from_year`
catalogue-edition-overlap = phiên bản `{ $edition }` áp dụng cho cùng năm số liệu với phiên bản `{ $other }`
catalogue-edition-overlap-hint = mỗi năm số liệu chỉ thuộc đúng một phiên bản; điều chỉnh from_year/to_year
catalogue-per-population = chỉ số { $number } tính theo dân số nhưng thiếu `population` hoặc `per` không phải số dương
catalogue-per-population-hint = thêm `population: urban|rural|total|rural_households` và `per: 10000` (hoặc 1000000)
catalogue-unknown-compute = chỉ số { $number } có cách tính `{ $compute }` không hợp lệ
catalogue-unknown-compute-hint = dùng `rate`, `per_population` hoặc `total`, hoặc bỏ `compute`
catalogue-unknown-population = không có loại dân số `{ $population }`
catalogue-unknown-population-hint = dùng `urban`, `rural`, `total` hoặc `rural_households`

# Cơ quan ban hành và người ký (validate/agency).
agency-signer-twice = mã người ký `{ $id }` bị dùng hai lần
agency-signer-twice-hint = đặt cho mỗi người ký một mã riêng
agency-signer-line-break = trường `{ $field }` của người ký `{ $id }` có dấu xuống dòng
agency-signer-line-break-hint = mỗi dòng của khối chữ ký là một trường riêng: ghi các dòng phía trên chức vụ vào `authority_lines`, ví dụ ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], và chức vụ của người ký vào `title`
agency-authority-both = người ký `{ $id }` có cả `authority_lines` lẫn `authority`/`for`
agency-authority-both-hint = ghi thẩm quyền ký hoặc trên một dòng (`authority` và `for`), hoặc bằng `authority_lines`
agency-authority-line = người ký `{ $id }`: dòng thẩm quyền ký `{ $line }` không bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. kèm tập thể hoặc chức vụ được ký thay
agency-authority-line-hint = ghi mỗi dòng đúng như Nghị định quy định, ví dụ "TM. ỦY BAN NHÂN DÂN" hoặc "KT. CHỦ TỊCH" (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.7b)
agency-authority-shape = người ký `{ $id }` có các dòng thẩm quyền ký kết hợp không đúng Nghị định 30/2020/NĐ-CP
agency-authority-shape-hint = tối đa hai dòng: dòng đầu "TM. <tập thể>", dòng sau "KT.", "TL.", "TUQ." hoặc "Q." kèm chức vụ người đứng đầu (Phụ lục I mục II.7b)
agency-authority-unknown = người ký `{ $id }` có thẩm quyền ký `{ $authority }` không hợp lệ
agency-authority-unknown-hint = dùng một trong các chữ TM, KT, TL, TUQ, Q (Nghị định 30/2020/NĐ-CP, Phụ lục I mục II.7b)
agency-authority-no-for = người ký `{ $id }` có thẩm quyền ký nhưng chưa có `for`
agency-authority-no-for-hint = thêm `for:` với chức vụ người đứng đầu, ví dụ `for: GIÁM ĐỐC` để có "KT. GIÁM ĐỐC"
agency-for-no-authority = người ký `{ $id }` có `for` nhưng chưa có thẩm quyền ký `authority`
agency-for-no-authority-hint = thêm `authority:` (TM, KT, TL, TUQ hoặc Q) hoặc xóa `for`
agency-governing-body-empty = tên cơ quan chủ quản để trống
agency-governing-body-empty-hint = ghi tên cơ quan chủ quản, thành một đoạn hoặc danh sách các dòng in ở phần đầu văn bản
agency-name-empty = tên cơ quan ban hành để trống
agency-name-empty-hint = ghi tên cơ quan ban hành, thành một đoạn hoặc danh sách các dòng in ở phần đầu văn bản
agency-governing-body-line-break = tên cơ quan chủ quản có dấu xuống dòng
agency-governing-body-line-break-hint = ghi tên cơ quan chủ quản thành danh sách các dòng, ví dụ ["BAN QUẢN LÝ KHU KINH TẾ", "CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"]
agency-name-line-break = tên cơ quan ban hành có dấu xuống dòng
agency-name-line-break-hint = ghi tên cơ quan ban hành thành danh sách các dòng, ví dụ ["BAN QUẢN LÝ KHU KINH TẾ", "CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"]

# Tên tệp lấy từ mã (model).
model-letter-file-empty = tên tệp văn bản để trống, nên không dùng làm tên tệp ra được
model-letter-file-dot = tên tệp văn bản `{ $name }` bắt đầu bằng dấu chấm hoặc kết thúc bằng dấu chấm hay dấu cách, nên không dùng làm tên tệp ra được
model-letter-file-char = tên tệp văn bản `{ $name }` chứa ký tự { $detail }, nên không dùng làm tên tệp ra được
model-letter-file-reserved = tên tệp văn bản `{ $name }` trùng tên thiết bị dành riêng của Windows, nên không dùng làm tên tệp ra được
model-letter-file-long = tên tệp văn bản `{ $name }` dài { $detail } byte, nên không dùng làm tên tệp ra được
model-recipient-id-empty = mã đơn vị nhận để trống, nên không dùng làm tên tệp ra được
model-recipient-id-dot = mã đơn vị nhận `{ $name }` bắt đầu bằng dấu chấm hoặc kết thúc bằng dấu chấm hay dấu cách, nên không dùng làm tên tệp ra được
model-recipient-id-char = mã đơn vị nhận `{ $name }` chứa ký tự { $detail }, nên không dùng làm tên tệp ra được
model-recipient-id-reserved = mã đơn vị nhận `{ $name }` trùng tên thiết bị dành riêng của Windows, nên không dùng làm tên tệp ra được
model-recipient-id-long = mã đơn vị nhận `{ $name }` dài { $detail } byte, nên không dùng làm tên tệp ra được
model-pattern-name-empty = mẫu tên tệp cho đơn vị nhận `{ $recipient }` ra tên để trống, nên không dùng làm tên tệp ra được
model-pattern-name-dot = mẫu tên tệp cho đơn vị nhận `{ $recipient }` ra tên `{ $name }`, bắt đầu bằng dấu chấm hoặc kết thúc bằng dấu chấm hay dấu cách, nên không dùng làm tên tệp ra được
model-pattern-name-char = mẫu tên tệp cho đơn vị nhận `{ $recipient }` ra tên `{ $name }`, có chứa ký tự { $detail }, nên không dùng làm tên tệp ra được
model-pattern-name-reserved = mẫu tên tệp cho đơn vị nhận `{ $recipient }` ra tên `{ $name }`, trùng tên thiết bị dành riêng của Windows, nên không dùng làm tên tệp ra được
model-pattern-name-long = mẫu tên tệp cho đơn vị nhận `{ $recipient }` ra tên `{ $name }`, dài { $detail } byte, nên không dùng làm tên tệp ra được
model-portable-name-hint = dùng chữ cái, chữ số, `-` và `_`, ví dụ `so-xay-dung`
catalogue-same-as-unknown = `same_as` chỉ tới chỉ số { $number } của phiên bản `{ $edition }`, danh mục không có chỉ số này
catalogue-same-as-unknown-hint = ghi mã một phiên bản khác và số một chỉ số có trong phiên bản đó, hoặc bỏ `same_as`
catalogue-form-twice = chỉ số { $number } dùng biểu mẫu { $form }, biểu mẫu này đã là của chỉ số { $other }
catalogue-form-twice-hint = mỗi chỉ số một số biểu mẫu riêng (`form:`)
letter-self-assessment-not-report = `self_assessment` (phần tự đánh giá) chỉ có ở báo cáo (kind: bao-cao)
letter-self-assessment-not-report-hint = bỏ `self_assessment:`, hoặc đổi văn bản thành báo cáo
letter-score-not-report = điểm của chỉ số { $number }: công văn không có điểm; điểm thuộc báo cáo (kind: bao-cao)
letter-score-unknown = điểm của chỉ số { $number }: phiên bản danh mục của năm số liệu không đánh giá chỉ số này
letter-score-twice = điểm của chỉ số { $number }: chỉ số được chấm hai lần
letter-score-points = điểm của chỉ số { $number }: điểm phải là một số, từ 0 trở lên
letter-score-hint = xem README, mục về điểm tự đánh giá
letter-unknown-issuer = không có cơ quan ban hành `{ $id }`
agency-issuer-no-id = một cơ quan ban hành trong `issuers` chưa có `id`
agency-issuer-no-id-hint = ghi `id` cho từng cơ quan trong `issuers`, ví dụ `id: "ubnd-tinh"`, để văn bản ghi `issuer`
letter-to-trinh-no-to = tờ trình phải ghi gửi cơ quan nào
letter-to-trinh-no-to-hint = thêm `to:` với cơ quan quyết định, ví dụ "Ủy ban nhân dân tỉnh Lạng Sơn"
catalogue-unnamed-named = chỉ số { $number } của phiên bản `{ $edition }` ghi trong `unnamed` (chưa rõ tên) nhưng đã có tên trong danh mục
catalogue-unnamed-twice = chỉ số { $number } của phiên bản `{ $edition }` ghi hai lần trong `unnamed`
catalogue-unnamed-hint = `unnamed` liệt kê các số thứ tự chỉ số chưa rõ tên chính thức; bỏ số đó khỏi một trong hai danh sách
directory-years-reversed = { $kind ->
    [recipient] đơn vị `{ $id }`
   *[request] yêu cầu
}: `to_year` { $to } trước `from_year` { $from }
directory-years-reversed-hint = `from_year` và `to_year` là năm số liệu đầu tiên và cuối cùng áp dụng
agency-issuer-twice = mã cơ quan ban hành `{ $id }` bị dùng hai lần
agency-issuer-twice-hint = đặt cho mỗi cơ quan ban hành một mã riêng
