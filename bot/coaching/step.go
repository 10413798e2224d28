package coaching

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// StepRef is "<programme>|<seq>", the value of a step's buttons and the
// private metadata of its form.
func StepRef(programme string, seq int) string { return ref(programme, seq) }

// ParseStepRef reads a StepRef back.
func ParseStepRef(v string) (programme string, seq int, ok bool) {
	programme, seq, ok = ParseRef(v)
	return programme, seq, ok && seq > 0
}

// Step is a programme step's DM: title, prompt, action, its checklist or
// agenda, the earlier answers it shows back, and Done (or "Done — fill
// in" when the step has a form) / Later / Stop (confirmed).
func Step(lang string, m coaching.StepMessage) Message {
	st, p := m.Step, m.Programme
	title := tr(lang, "step.header", escaped(p.Title.In(lang)), escaped(st.Title.In(lang)))
	if st.Times() > 1 {
		title += " " + tr(lang, "step.occurrence", m.Occurrence.N, st.Times())
	}
	blocks := []slack.Block{
		md("step-title", title+"\n"+escaped(st.Prompt.In(lang))),
		md("step-action", tr(lang, "step.action", escaped(st.Action.In(lang)))),
	}
	if len(st.Items) > 0 {
		var b strings.Builder
		for i, it := range st.Items {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%d. %s", i+1, escaped(it.In(lang)))
			if it.Minutes > 0 {
				fmt.Fprintf(&b, " — %d min", it.Minutes)
			}
		}
		blocks = append(blocks, md("step-items", b.String()))
	}
	if shown := ShownText(lang, st, m.Shown); shown != "" {
		blocks = append(blocks, md("step-shown", shown))
	}
	if m.Done {
		blocks = append(blocks, md("step-state", tr(lang, "step.completed")))
	}
	v := StepRef(p.ID, m.Occurrence.Seq)
	label := tr(lang, "step.done")
	if len(st.Fields) > 0 {
		label = tr(lang, "step.fill")
	}
	done := button(ActionStepDone, v, label)
	done.Style = slack.StylePrimary
	stop := button(ActionStepStop, v, tr(lang, "step.stop"))
	stop.Style = slack.StyleDanger
	stop.Confirm = slack.NewConfirmationBlockObject(plain(cut(p.Title.In(lang), 100), 100),
		plain(tr(lang, "step.stop_confirm", p.Title.In(lang)), 300),
		plain(tr(lang, "step.stop_yes"), 30), plain(tr(lang, "step.stop_no"), 30))
	stop.Confirm.Style = slack.StyleDanger
	blocks = append(blocks, slack.NewActionBlock("step-actions", done, button(ActionStepLater, v, tr(lang, "step.later")), stop))
	return Message{Text: p.Title.In(lang) + " — " + st.Title.In(lang), Blocks: blocks}
}

// ShownText is the "what you wrote earlier" part of a step: each shown
// field's label and its values (item numbers for a checklist), escaped.
func ShownText(lang string, st coaching.Step, shown []coaching.Shown) string {
	if len(shown) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(tr(lang, "step.shown"))
	for _, s := range shown {
		b.WriteString("\n*" + escaped(s.Field.Label.In(lang)) + "*")
		for _, v := range s.Values {
			b.WriteString("\n• " + escaped(cut(v, 200)))
		}
	}
	return cut(b.String(), maxSection)
}

// StepModal is the form of a step: one input per field (a list is one
// value per line; a choice offers the earlier answers it chooses from,
// or the step's items). prev are the enrolment's answers so far; values
// already given to this step's fields are filled in.
// m names the programme (ID) and the occurrence (Seq).
func StepModal(m Meta, p coaching.Programme, st coaching.Step, prev map[string][]string) slack.ModalViewRequest {
	lang := m.Lang
	m.ID = p.ID
	var blocks []slack.Block
	for _, f := range st.Fields {
		label := plain(f.Label.In(lang), 2000)
		var el slack.BlockElement
		var hint *slack.TextBlockObject
		cur := prev[f.ID]
		switch f.Kind {
		case coaching.FieldList:
			in := slack.NewPlainTextInputBlockElement(nil, inputText)
			in.Multiline, in.MaxLength = true, 3000
			in.InitialValue = strings.Join(cur, "\n")
			el, hint = in, plain(tr(lang, "step.list_hint"), 2000)
		case coaching.FieldChoose:
			opts, initial := chooseOptions(lang, f, st, prev)
			if len(opts) == 0 {
				blocks = append(blocks, md("f:"+f.ID, "*"+escaped(f.Label.In(lang))+"*\n"+tr(lang, "step.choose_none")))
				continue
			}
			sel := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, nil, inputText, opts...)
			if len(initial) > 0 {
				sel.InitialOptions = initial
			}
			if f.Max > 0 {
				n := f.Max
				sel.MaxSelectedItems = &n
			}
			el = sel
		default:
			in := slack.NewPlainTextInputBlockElement(nil, inputText)
			in.MaxLength = coaching.MaxValueText
			if len(cur) > 0 {
				in.InitialValue = cur[0]
			}
			el = in
		}
		ib := slack.NewInputBlock(f.ID, label, hint, el)
		ib.Optional = true
		blocks = append(blocks, ib)
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      ViewStep,
		Title:           plain(tr(lang, "step.form_title"), maxModalTitle),
		Submit:          plain(tr(lang, "note.save"), maxModalTitle),
		Close:           plain(tr(lang, "note.cancel"), maxModalTitle),
		PrivateMetadata: m.String(),
		Blocks:          slack.Blocks{BlockSet: append([]slack.Block{md("step-title", escaped(st.Title.In(lang)))}, blocks...)},
	}
}

// chooseOptions are a choice field's options: value "i<n>" is the n-th
// earlier answer (values may be longer than an option value may be), or
// the item number for a checklist; the initial ones are those chosen.
func chooseOptions(lang string, f coaching.Field, st coaching.Step, prev map[string][]string) (opts, initial []*slack.OptionBlockObject) {
	chosen := map[string]bool{}
	for _, v := range prev[f.ID] {
		chosen[v] = true
	}
	if f.From == "items" {
		for i, it := range st.Items {
			n := strconv.Itoa(i + 1)
			o := slack.NewOptionBlockObject(n, plain(n+". "+it.In(lang), maxButton), nil)
			opts = append(opts, o)
			if chosen[n] {
				initial = append(initial, o)
			}
		}
		return opts, initial
	}
	for i, v := range prev[f.From] {
		if i == 100 {
			break
		}
		o := slack.NewOptionBlockObject("i"+strconv.Itoa(i), plain(v, maxButton), nil)
		opts = append(opts, o)
		if chosen[v] {
			initial = append(initial, o)
		}
	}
	return opts, initial
}

// StepAnswers reads a submitted step form back into the answers
// CompleteStep takes: a list splits on lines, a choice maps its options
// back to the earlier answers (an unknown option is dropped).
func StepAnswers(st coaching.Step, prev map[string][]string, state *slack.ViewState) map[string][]string {
	out := map[string][]string{}
	if state == nil {
		return out
	}
	for _, f := range st.Fields {
		v, ok := state.Values[f.ID][inputText]
		if !ok {
			continue
		}
		switch f.Kind {
		case coaching.FieldList:
			out[f.ID] = strings.Split(v.Value, "\n")
		case coaching.FieldChoose:
			vals := []string{}
			for _, o := range v.SelectedOptions {
				if f.From == "items" {
					vals = append(vals, o.Value)
					continue
				}
				i, err := strconv.Atoi(strings.TrimPrefix(o.Value, "i"))
				if err == nil && strings.HasPrefix(o.Value, "i") && i >= 0 && i < len(prev[f.From]) {
					vals = append(vals, prev[f.From][i])
				}
			}
			out[f.ID] = vals
		default:
			out[f.ID] = []string{v.Value}
		}
	}
	return out
}

// Programmes is /cto programs: every programme with its summary, where
// the user stands, and Start (or Start again) for those the user enrols
// in; a programme started by a routine says which. total gives a
// programme's number of occurrences; routineName a routine's title.
func Programmes(lang string, cat *coaching.Catalogue, es []coaching.Enrolment, routineName func(id string) string) Message {
	by := map[string]coaching.Enrolment{}
	for _, e := range es {
		by[e.Programme] = e
	}
	blocks := []slack.Block{md("prog-title", tr(lang, "prog.title"))}
	for _, p := range cat.Programmes {
		text := "*" + escaped(p.Title.In(lang)) + "*\n" + escaped(p.Summary.In(lang))
		e, enrolled := by[p.ID]
		if enrolled {
			switch e.Status {
			case coaching.EnrolActive:
				text += "\n" + tr(lang, "prog.active", max(e.Sent, 1), len(p.Occurrences()))
			case coaching.EnrolCompleted:
				text += "\n" + tr(lang, "prog.completed")
			case coaching.EnrolStopped:
				text += "\n" + tr(lang, "prog.stopped")
			}
		}
		s := md("p:"+p.ID, text)
		switch {
		case p.Start == coaching.StartRoutineDone:
			s.Text.Text = cut(text+"\n"+tr(lang, "prog.auto", escaped(routineName(p.Trigger))), maxSection)
		case !enrolled:
			b := button(ActionEnrol, p.ID, tr(lang, "prog.start"))
			b.Style = slack.StylePrimary
			s.Accessory = slack.NewAccessory(b)
		case e.Status != coaching.EnrolActive:
			s.Accessory = slack.NewAccessory(button(ActionEnrol, p.ID, tr(lang, "prog.restart")))
		default:
			stop := button(ActionStepStop, StepRef(p.ID, max(e.Pending, e.Sent, 1)), tr(lang, "step.stop"))
			stop.Confirm = slack.NewConfirmationBlockObject(plain(cut(p.Title.In(lang), 100), 100),
				plain(tr(lang, "step.stop_confirm", p.Title.In(lang)), 300),
				plain(tr(lang, "step.stop_yes"), 30), plain(tr(lang, "step.stop_no"), 30))
			s.Accessory = slack.NewAccessory(stop)
		}
		blocks = append(blocks, s)
	}
	return Message{Text: tr(lang, "prog.title"), Blocks: blocks}
}
