//! S3 request analysis: endpoint classes, presigned and mixed authentication.
