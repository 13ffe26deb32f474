// One sample file per language the fix engine writes (server/src/core/fixes/fileLanguage.ts
// FixLanguage), each holding a token the way code in that language usually does.
export interface LanguageSample {
  /** The FixLanguage this sample exercises. */
  readonly language: string;
  readonly languageId: string;
  /** File name relative to the test's folder (decides GitHub Actions, Azure Pipelines, Dockerfile, .env, …). */
  readonly fileName: string;
  /** The file text with the token in place of `TOKEN`. */
  readonly template: string;
  /** How the token must be written in this syntax (for example &amp; in XML). */
  readonly encode?: (token: string) => string;
  /** The file type has no comment syntax: no suppression fix. */
  readonly noComments?: boolean;
}

export const LANGUAGE_SAMPLES: readonly LanguageSample[] = [
  {
    language: 'javascript',
    languageId: 'javascript',
    fileName: 'upload.js',
    template: "const { BlobClient } = require('@azure/storage-blob');\nconst blobUrl = 'TOKEN';\nmodule.exports = new BlobClient(blobUrl);\n",
  },
  { language: 'typescript', languageId: 'typescript', fileName: 'upload.ts', template: 'export const blobUrl: string = "TOKEN";\n' },
  {
    language: 'python',
    languageId: 'python',
    fileName: 'upload.py',
    template: 'from azure.storage.blob import BlobClient\n\nblob_url = "TOKEN"\nclient = BlobClient.from_blob_url(blob_url)\n',
  },
  { language: 'csharp', languageId: 'csharp', fileName: 'Upload.cs', template: 'class Upload {\n    const string BlobUrl = "TOKEN";\n}\n' },
  { language: 'java', languageId: 'java', fileName: 'Upload.java', template: 'class Upload {\n    static final String BLOB_URL = "TOKEN";\n}\n' },
  { language: 'kotlin', languageId: 'kotlin', fileName: 'Upload.kt', template: 'val blobUrl = "TOKEN"\n' },
  {
    language: 'go',
    languageId: 'go',
    fileName: 'upload.go',
    template: 'package main\n\nimport "fmt"\n\nvar blobURL = "TOKEN"\n\nfunc main() { fmt.Println(blobURL) }\n',
  },
  { language: 'rust', languageId: 'rust', fileName: 'upload.rs', template: 'fn main() {\n    let blob_url = "TOKEN";\n    println!("{}", blob_url);\n}\n' },
  { language: 'ruby', languageId: 'ruby', fileName: 'upload.rb', template: "blob_url = 'TOKEN'\nputs blob_url\n" },
  { language: 'php', languageId: 'php', fileName: 'upload.php', template: '<?php\n$blobUrl = "TOKEN";\necho $blobUrl;\n' },
  { language: 'powershell', languageId: 'powershell', fileName: 'upload.ps1', template: '$blobUrl = "TOKEN"\nWrite-Output $blobUrl\n' },
  { language: 'shell', languageId: 'shellscript', fileName: 'upload.sh', template: '#!/bin/sh\nBLOB_URL="TOKEN"\ncurl -T file.bin "$BLOB_URL"\n' },
  { language: 'bat', languageId: 'bat', fileName: 'upload.cmd', template: '@echo off\nset "BLOB_URL=TOKEN"\necho %BLOB_URL%\n' },
  {
    language: 'github-actions',
    languageId: 'yaml',
    fileName: '.github/workflows/deploy.yml',
    template: 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      BLOB_URL: "TOKEN"\n    steps:\n      - run: echo deploying\n',
  },
  {
    language: 'azure-pipelines',
    languageId: 'yaml',
    fileName: 'azure-pipelines.yml',
    template: 'trigger: [main]\nvariables:\n  blobUrl: "TOKEN"\nsteps:\n  - script: echo deploying\n',
  },
  { language: 'yaml', languageId: 'yaml', fileName: 'config.yaml', template: 'storage:\n  blobUrl: "TOKEN"\n' },
  { language: 'dockerfile', languageId: 'dockerfile', fileName: 'Dockerfile', template: 'FROM alpine:3.20\nENV BLOB_URL="TOKEN"\nCMD ["sh"]\n' },
  { language: 'terraform', languageId: 'terraform', fileName: 'main.tf', template: 'locals {\n  blob_url = "TOKEN"\n}\n' },
  { language: 'bicep', languageId: 'bicep', fileName: 'main.bicep', template: "var blobUrl = 'TOKEN'\noutput url string = blobUrl\n" },
  { language: 'bicepparam', languageId: 'bicep-params', fileName: 'main.bicepparam', template: "using './main.bicep'\nparam blobUrl = 'TOKEN'\n" },
  { language: 'dotenv', languageId: 'dotenv', fileName: '.env.local', template: 'APP_NAME=demo\nBLOB_URL=TOKEN\n' },
  { language: 'json', languageId: 'json', fileName: 'appsettings.json', template: '{\n  "Storage": {\n    "BlobUrl": "TOKEN"\n  }\n}\n', noComments: true },
  {
    language: 'xml',
    languageId: 'xml',
    fileName: 'app.config',
    template: '<configuration>\n  <appSettings>\n    <add key="BlobUrl" value="TOKEN" />\n  </appSettings>\n</configuration>\n',
    encode: (token) => token.replace(/&/g, '&amp;'),
  },
  { language: 'markdown', languageId: 'markdown', fileName: 'README.md', template: '# Data\n\nDownload the data set from [here](TOKEN).\n' },
  { language: 'unknown', languageId: 'plaintext', fileName: 'notes.txt', template: 'blob url: TOKEN\n' },
];
