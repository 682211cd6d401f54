## Kiểm tra dữ liệu dự án (validate, project, render)
