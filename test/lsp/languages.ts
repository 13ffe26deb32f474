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

/** A sample whose VS Code language id is the FixLanguage's own name unless `more` names another. */
function sample(
  language: string,
  fileName: string,
  template: string,
  more: Partial<Omit<LanguageSample, 'language' | 'fileName' | 'template'>> = {},
): LanguageSample {
  return { language, languageId: language, fileName, template, ...more };
}

export const LANGUAGE_SAMPLES: readonly LanguageSample[] = [
  sample(
    'javascript',
    'upload.js',
    "const { BlobClient } = require('@azure/storage-blob');\nconst blobUrl = 'TOKEN';\nmodule.exports = new BlobClient(blobUrl);\n",
  ),
  sample('typescript', 'upload.ts', 'export const blobUrl: string = "TOKEN";\n'),
  sample('python', 'upload.py', 'from azure.storage.blob import BlobClient\n\nblob_url = "TOKEN"\nclient = BlobClient.from_blob_url(blob_url)\n'),
  sample('csharp', 'Upload.cs', 'class Upload {\n    const string BlobUrl = "TOKEN";\n}\n'),
  sample('java', 'Upload.java', 'class Upload {\n    static final String BLOB_URL = "TOKEN";\n}\n'),
  sample('kotlin', 'Upload.kt', 'val blobUrl = "TOKEN"\n'),
  sample('go', 'upload.go', 'package main\n\nimport "fmt"\n\nvar blobURL = "TOKEN"\n\nfunc main() { fmt.Println(blobURL) }\n'),
  sample('rust', 'upload.rs', 'fn main() {\n    let blob_url = "TOKEN";\n    println!("{}", blob_url);\n}\n'),
  sample('ruby', 'upload.rb', "blob_url = 'TOKEN'\nputs blob_url\n"),
  sample('php', 'upload.php', '<?php\n$blobUrl = "TOKEN";\necho $blobUrl;\n'),
  sample('powershell', 'upload.ps1', '$blobUrl = "TOKEN"\nWrite-Output $blobUrl\n'),
  sample('shell', 'upload.sh', '#!/bin/sh\nBLOB_URL="TOKEN"\ncurl -T file.bin "$BLOB_URL"\n', { languageId: 'shellscript' }),
  sample('bat', 'upload.cmd', '@echo off\nset "BLOB_URL=TOKEN"\necho %BLOB_URL%\n'),
  sample(
    'github-actions',
    '.github/workflows/deploy.yml',
    'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      BLOB_URL: "TOKEN"\n    steps:\n      - run: echo deploying\n',
    { languageId: 'yaml' },
  ),
  sample('azure-pipelines', 'azure-pipelines.yml', 'trigger: [main]\nvariables:\n  blobUrl: "TOKEN"\nsteps:\n  - script: echo deploying\n', {
    languageId: 'yaml',
  }),
  sample('yaml', 'config.yaml', 'storage:\n  blobUrl: "TOKEN"\n'),
  sample('dockerfile', 'Dockerfile', 'FROM alpine:3.20\nENV BLOB_URL="TOKEN"\nCMD ["sh"]\n'),
  sample('terraform', 'main.tf', 'locals {\n  blob_url = "TOKEN"\n}\n'),
  sample('bicep', 'main.bicep', "var blobUrl = 'TOKEN'\noutput url string = blobUrl\n"),
  sample('bicepparam', 'main.bicepparam', "using './main.bicep'\nparam blobUrl = 'TOKEN'\n", { languageId: 'bicep-params' }),
  sample('dotenv', '.env.local', 'APP_NAME=demo\nBLOB_URL=TOKEN\n'),
  sample('json', 'appsettings.json', '{\n  "Storage": {\n    "BlobUrl": "TOKEN"\n  }\n}\n', { noComments: true }),
  sample('xml', 'app.config', '<configuration>\n  <appSettings>\n    <add key="BlobUrl" value="TOKEN" />\n  </appSettings>\n</configuration>\n', {
    encode: (token) => token.replace(/&/g, '&amp;'),
  }),
  sample('markdown', 'README.md', '# Data\n\nDownload the data set from [here](TOKEN).\n'),
  sample('unknown', 'notes.txt', 'blob url: TOKEN\n', { languageId: 'plaintext' }),
];
