using System;

namespace Alpharun
{
    /// <summary>
    /// The last word before an upload's failure leaves the client: no text in it — message, the API's message, the request
    /// id, any inner exception's message — holds a piece of the key (<see cref="ServerText.Reveals"/>). Text that does is
    /// masked; an inner exception that does is replaced by a <see cref="MaskedException"/> copy. A key shorter than
    /// <see cref="ServerText.KeyWindow"/> characters is no real key (a test's "k"): masking every occurrence of it in the
    /// module's own words would only garble them, so it is left to the server text (<see cref="ServerText.Clean"/>).
    /// </summary>
    internal static class KeyMasking
    {
        /// <summary><paramref name="failure"/> itself when it reveals nothing, else a masked copy with the same kind, status and attempts.</summary>
        public static AlpharunApiException Mask(AlpharunApiException failure, ApiKey key)
        {
            if (key.Length < ServerText.KeyWindow) return failure;
            Exception? inner = MaskChain(failure.InnerException, key);
            bool clean = ReferenceEquals(inner, failure.InnerException)
                && !ServerText.Reveals(failure.Message, key) && !ServerText.Reveals(failure.ApiMessage, key) && !ServerText.Reveals(failure.RequestId, key);
            if (clean) return failure;
            string secret = key.Reveal();
            return new AlpharunApiException(failure.Kind, ServerText.MaskKey(failure.Message, secret), failure.StatusCode,
                failure.ApiMessage is null ? null : ServerText.MaskKey(failure.ApiMessage, secret), inner, failure.RetryAfter,
                failure.RequestId is null ? null : ServerText.MaskKey(failure.RequestId, secret))
            {
                Attempts = failure.Attempts,
            };
        }

        /// <summary><paramref name="exception"/> itself when no message in its chain reveals the key, else a masked copy of the chain.</summary>
        public static Exception? MaskChain(Exception? exception, ApiKey key)
        {
            if (exception is null || key.Length < ServerText.KeyWindow || !ChainReveals(exception, key)) return exception;
            return Copy(exception, key.Reveal());
        }

        private static bool ChainReveals(Exception exception, ApiKey key)
        {
            for (Exception? current = exception; current != null; current = current.InnerException)
            {
                if (ServerText.Reveals(current.Message, key)) return true;
                if (current is AggregateException aggregate)
                {
                    foreach (Exception each in aggregate.InnerExceptions)
                    {
                        if (ChainReveals(each, key)) return true;
                    }
                }
            }
            return false;
        }

        private static Exception Copy(Exception exception, string secret)
        {
            Exception? inner = exception.InnerException is null ? null : Copy(exception.InnerException, secret);
            return new MaskedException(exception.GetType().FullName ?? exception.GetType().Name, ServerText.MaskKey(exception.Message, secret), inner);
        }
    }
}
