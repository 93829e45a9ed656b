package org.wenzheng.server.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;

/**
 * Answers requests the codec could not decode: 414 for a request line over
 * {@link HttpInitializer#MAX_INITIAL_LINE_LENGTH}, 431 for headers over
 * {@link HttpInitializer#MAX_HEADER_SIZE}, 400 for anything else malformed. The connection is
 * closed after that answer: the codec has lost its place in the byte stream.
 */
@Sharable
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject o) || o.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        DecoderResult result = o.decoderResult();
        ReferenceCountUtil.release(msg);
        ctx.writeAndFlush(refusal(result.cause())
                .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()).toHttp());
    }

    private static Response refusal(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Response.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, ErrorCodes.URI_TOO_LONG,
                    "the request line must be at most " + HttpInitializer.MAX_INITIAL_LINE_LENGTH + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Response.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, ErrorCodes.HEADERS_TOO_LARGE,
                    "the request headers must be at most " + HttpInitializer.MAX_HEADER_SIZE + " bytes");
        }
        return Response.error(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_REQUEST,
                "the request is not valid HTTP/1.1");
    }
}
