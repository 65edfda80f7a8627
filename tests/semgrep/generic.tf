resource "aws_s3_bucket" "b" {
  bucket = "s3-website-test.example.com"
  cors_rule {
    allowed_headers = ["*"]
    # ruleid: sg.generic.cors-any-origin
    allowed_origins = ["*"]
    max_age_seconds = 3000
  }
  # ok: sg.generic.cors-any-origin
  allowed_origins = ["*"]
}
resource "aws_s3_bucket" "c" {
  # reviewed
  cors_rule {
    # ok: sg.generic.cors-any-origin
    allowed_origins = ["*"]
  }
}
