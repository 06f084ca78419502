/**
 * The service prefixes whose resources RCPs apply to (AWS Organizations User Guide, "Resource
 * control policies", list of AWS services that support RCPs): Amazon S3, AWS STS, AWS KMS,
 * Amazon SQS and AWS Secrets Manager since the launch (November 2024); Amazon ECR and Amazon
 * OpenSearch Serverless since June 2025; Amazon Cognito user pools and Amazon CloudWatch Logs
 * since January 2026; Amazon DynamoDB since February 2026 (AWS What's New announcements).
 * An action of any other service in an RCP restricts nothing, so the loader refuses it.
 */
export const RCP_SERVICES: readonly string[] = ["s3", "sts", "kms", "sqs", "secretsmanager", "ecr", "aoss", "cognito-idp", "logs", "dynamodb"];
