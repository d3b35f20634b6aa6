// The fork `npm start` runs ships no types; its API is s3rver's, whose types @types/s3rver has.
declare module "@20minutes/s3rver" {
  import S3rver from "s3rver";
  export = S3rver;
}
