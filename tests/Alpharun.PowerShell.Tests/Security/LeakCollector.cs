using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Gathers every piece of text a user could see or a log could keep: each stream's records, errors with their
    /// exception chains, details and positions, every returned object and its property values, and whatever else a
    /// test adds (files, sandbox records). <see cref="FindLeaks"/> then looks for a secret in all of it.
    /// </summary>
    internal sealed class LeakCollector
    {
        private readonly List<(string Source, string Text)> _texts = new List<(string, string)>();

        public IReadOnlyList<(string Source, string Text)> Texts => _texts;

        public void Add(string source, string? text)
        {
            if (!string.IsNullOrEmpty(text)) _texts.Add((source, text!));
        }

        /// <summary>Everything a run produced, on every stream.</summary>
        public PwshResult Add(string scenario, PwshResult result)
        {
            foreach (PSObject output in result.Output) AddObject(scenario + "/output", output);
            foreach (ErrorRecord error in result.Errors) AddError(scenario + "/error", error);
            if (result.Terminating != null)
            {
                AddException(scenario + "/terminating", result.Terminating);
                if (result.Terminating is IContainsErrorRecord container) AddError(scenario + "/terminating", container.ErrorRecord);
            }
            foreach (string line in result.Warnings) Add(scenario + "/warning", line);
            foreach (string line in result.Verbose) Add(scenario + "/verbose", line);
            foreach (string line in result.Debug) Add(scenario + "/debug", line);
            foreach (string line in result.Information) Add(scenario + "/information", line);
            foreach (ProgressRecord progress in result.Progress)
            {
                Add(scenario + "/progress", progress.Activity);
                Add(scenario + "/progress", progress.StatusDescription);
                Add(scenario + "/progress", progress.CurrentOperation);
                Add(scenario + "/progress", progress.ToString());
            }
            return result;
        }

        public void AddError(string source, ErrorRecord error)
        {
            Add(source, error.ToString());
            Add(source, error.FullyQualifiedErrorId);
            Add(source, error.CategoryInfo.ToString());
            Add(source, error.CategoryInfo.GetMessage());
            Add(source, error.ErrorDetails?.Message);
            Add(source, error.ErrorDetails?.RecommendedAction);
            Add(source, error.TargetObject?.ToString());
            Add(source, error.ScriptStackTrace);
            Add(source, error.InvocationInfo?.PositionMessage);
            Add(source, error.InvocationInfo?.Line);
            if (error.InvocationInfo != null)
            {
                foreach (DictionaryEntry bound in (IDictionary)error.InvocationInfo.BoundParameters) Add(source + "/bound", bound.Key + "=" + Render(bound.Value));
            }
            AddException(source, error.Exception);
        }

        public void AddException(string source, Exception? exception)
        {
            for (Exception? e = exception; e != null; e = e.InnerException)
            {
                Add(source + "/exception", e.ToString());
                Add(source + "/exception", e.Message);
                foreach (DictionaryEntry entry in e.Data) Add(source + "/exception.Data", entry.Key + "=" + Render(entry.Value));
                if (e is AggregateException aggregate)
                {
                    foreach (Exception inner in aggregate.InnerExceptions) AddException(source + "/aggregate", inner);
                }
                if (e is IContainsErrorRecord container && !ReferenceEquals(container.ErrorRecord.Exception, e)) AddError(source + "/inner-record", container.ErrorRecord);
            }
        }

        /// <summary>The object, each property value, and for collections each item and its properties (one level).</summary>
        public void AddObject(string source, PSObject value)
        {
            Add(source, value.ToString());
            if (value.BaseObject is ErrorRecord record)
            {
                AddError(source, record);
                return;
            }
            if (value.BaseObject is Exception exception)
            {
                AddException(source, exception);
                return;
            }
            foreach (PSPropertyInfo property in value.Properties)
            {
                object? propertyValue = SafeValue(property);
                Add(source + "." + property.Name, Render(propertyValue));
                if (propertyValue is IEnumerable items && !(propertyValue is string))
                {
                    foreach (object? item in items)
                    {
                        if (item is null) continue;
                        var wrapped = PSObject.AsPSObject(item);
                        Add(source + "." + property.Name + "[]", wrapped.ToString());
                        foreach (PSPropertyInfo inner in wrapped.Properties) Add(source + "." + property.Name + "[]." + inner.Name, Render(SafeValue(inner)));
                    }
                }
            }
        }

        /// <summary>Where <paramref name="secret"/> or any <paramref name="window"/>-character piece of it appears, case-insensitively.</summary>
        public IReadOnlyList<string> FindLeaks(string secret, int window = 8)
        {
            var pieces = Enumerable.Range(0, secret.Length - window + 1).Select(i => secret.Substring(i, window)).Distinct().ToArray();
            var leaks = new List<string>();
            foreach ((string source, string text) in _texts)
            {
                foreach (string piece in pieces)
                {
                    int at = text.IndexOf(piece, StringComparison.OrdinalIgnoreCase);
                    if (at < 0) continue;
                    leaks.Add($"{source}: '{piece}' in …{text.Substring(Math.Max(0, at - 40), Math.Min(text.Length - Math.Max(0, at - 40), 100))}…");
                    break;
                }
            }
            return leaks;
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException e)
            {
                return e.Message;
            }
        }

        private static string Render(object? value) => value is null ? string.Empty : value is IEnumerable items && !(value is string)
            ? string.Join(", ", items.Cast<object?>().Select(i => i?.ToString()))
            : value.ToString() ?? string.Empty;
    }
}
