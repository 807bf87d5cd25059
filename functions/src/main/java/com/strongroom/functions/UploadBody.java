package com.strongroom.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.strongroom.core.error.InvalidInputException;
import com.strongroom.core.limits.InFlightBytes;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.RequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of a one-request upload, in one of the two forms the Functions host hands a Java function as bytes:
 * {@code application/octet-stream} (the file itself) or {@code multipart/form-data} with exactly one file part
 * (what a browser's form or {@code FormData} sends). Any other type reaches Java as text, damaged, so it is
 * refused. The file is read as a stream: a multipart body is checked whole first (one file part, well formed,
 * closed), then its part is streamed to the encryption without another copy.
 */
record UploadBody(Optional<String> fileName, Optional<String> contentType, InputStream content) {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String FORM_DATA = "multipart/form-data";
    static final String ACCEPTED = "send the file as " + OCTET_STREAM + " or as " + FORM_DATA + " with one file part";

    static UploadBody read(HttpRequestMessage<Optional<byte[]>> request, long maxBytes, InFlightBytes.Lease lease) {
        String media = HttpExchange.mediaType(request);
        if (!media.equals(OCTET_STREAM) && !media.equals(FORM_DATA)) {
            throw new UnsupportedMediaTypeException(ACCEPTED);
        }
        byte[] body = HttpExchange.declaredBody(request, maxBytes, lease);
        if (media.equals(OCTET_STREAM)) {
            return new UploadBody(Optional.empty(), Optional.empty(), new ByteArrayInputStream(body));
        }
        String contentType = HttpExchange.header(request, "Content-Type").orElseThrow();
        FileItemInput part = onlyFilePart(body, contentType, maxBytes);
        String declared = part.getContentType();
        try {
            return new UploadBody(Optional.of(baseName(part.getName())),
                    Optional.ofNullable(declared).filter(t -> !t.toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM)),
                    openFirstPart(body, contentType, maxBytes));
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static FileItemInput onlyFilePart(byte[] body, String contentType, long maxBytes) {
        try {
            FileItemInputIterator parts = parts(body, contentType, maxBytes);
            if (!parts.hasNext()) {
                throw new InvalidInputException("body", "must hold one file part");
            }
            FileItemInput part = parts.next();
            if (part.getName() == null || baseName(part.getName()).isEmpty()) {
                throw new InvalidInputException("body", "its part must be a file (Content-Disposition with filename)");
            }
            try (InputStream in = part.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            if (parts.hasNext()) {
                throw new InvalidInputException("body", "must hold exactly one part, the file");
            }
            return part;
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static InputStream openFirstPart(byte[] body, String contentType, long maxBytes) throws IOException {
        return parts(body, contentType, maxBytes).next().getInputStream();
    }

    private static FileItemInputIterator parts(byte[] body, String contentType, long maxBytes) throws IOException {
        FormDataParser parser = new FormDataParser();
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        parser.setSizeMax(maxBytes);
        parser.setFileSizeMax(maxBytes);
        parser.setFileCountMax(2);
        return parser.getItemIterator(new Body(body, contentType));
    }

    /** Browsers of old sent the whole client path as the file name; only its last segment names the file. */
    private static String baseName(String name) {
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    }

    private static InvalidInputException malformed() {
        return new InvalidInputException("body", "is not a well-formed " + FORM_DATA + " body (RFC 7578)");
    }

    /** Commons FileUpload's streaming parser over a body already in memory; nothing is written to disk. */
    private static final class FormDataParser
            extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws IOException {
            return super.getItemIterator(request);
        }

        @Override
        public java.util.Map<String, java.util.List<DiskFileItem>> parseParameterMap(RequestContext request) {
            throw new UnsupportedOperationException("uploads are streamed, never parsed into items");
        }

        @Override
        public java.util.List<DiskFileItem> parseRequest(RequestContext request) {
            throw new UnsupportedOperationException("uploads are streamed, never parsed into items");
        }
    }

    private record Body(byte[] bytes, String contentType) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return bytes.length;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
