## Dựng, đăng ký, lệnh (app, plan, queue, form, diagnostic)
