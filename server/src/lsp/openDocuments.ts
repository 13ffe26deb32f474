// The server's open documents: what the client opened (didOpen), kept in step with its edits
// (didChange, incremental sync), until didClose. It replaces vscode-languageserver's TextDocuments
// manager so that the documents are ours (openDocument.ts: an edit costs a chunk, not the whole
// text) and so that each change reaches its listeners as offset edits, which the incremental
// re-scan needs and the library's manager did not pass on.
import { Emitter, type Connection, type Event } from 'vscode-languageserver';
import type { TextChange } from '../core';
import { OpenDocument } from './openDocument';

/** What code that reads open documents needs of the store (tests give a plain map). */
export interface OpenDocumentSource {
  get(uri: string): OpenDocument | undefined;
  all(): OpenDocument[];
}

export interface DocumentEvent {
  readonly document: OpenDocument;
}

export interface DocumentChangeEvent extends DocumentEvent {
  /** The change's offset edits, in order; undefined when it replaced the whole text (or on open). */
  readonly edits: readonly TextChange[] | undefined;
}

export class OpenDocuments implements OpenDocumentSource {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly opened = new Emitter<DocumentEvent>();
  private readonly changed = new Emitter<DocumentChangeEvent>();
  private readonly saved = new Emitter<DocumentEvent>();
  private readonly closed = new Emitter<DocumentEvent>();

  /** A document was opened (its content-change event follows, as with the library's manager). */
  get onDidOpen(): Event<DocumentEvent> {
    return this.opened.event;
  }

  /** A document was opened or its text changed. */
  get onDidChangeContent(): Event<DocumentChangeEvent> {
    return this.changed.event;
  }

  get onDidSave(): Event<DocumentEvent> {
    return this.saved.event;
  }

  get onDidClose(): Event<DocumentEvent> {
    return this.closed.event;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return Array.from(this.documents.values());
  }

  /** Takes over the connection's text document notifications (incremental sync). */
  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = new OpenDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(textDocument.uri, document);
      this.opened.fire({ document });
      this.changed.fire({ document, edits: undefined });
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      if (contentChanges.length === 0) return;
      if (textDocument.version === null || textDocument.version === undefined) {
        throw new Error(`Received document change event for ${textDocument.uri} without valid version identifier`);
      }
      const document = this.documents.get(textDocument.uri);
      if (document === undefined) return;
      const edits = document.applyChanges(contentChanges, textDocument.version);
      this.changed.fire({ document, edits });
    });
    connection.onDidSaveTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document !== undefined) this.saved.fire({ document });
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document === undefined) return;
      this.documents.delete(textDocument.uri);
      this.closed.fire({ document });
    });
  }
}
