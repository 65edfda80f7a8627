// Telemetry uploader. The key below is a hard-coded credential.
const AWS_ACCESS_KEY_ID = 'AKIAQ4D3MOCKDEMO7XYZ';
const region = 'eu-west-1';

function endpoint() {
  return `https://telemetry.${region}.example.invalid/v1/events`;
}

// Safe: the code string is a literal, not user data.
const version = new Function('return "1.4.2"');

module.exports = { AWS_ACCESS_KEY_ID, endpoint, version };
