package knowledge

import "strings"

// stopEN are English words (folded, after apostrophe handling) that carry
// no topic: function words, question words and conversational filler.
var stopEN = wordSet(`
a about above after again against all also am an and any are aren arent as at
best better
be because been before being below between both but by
can cannot cant could couldn couldnt
did didn didnt do does doesn doesnt doing don dont down during
each either else etc even ever every
few for from further
get gets getting go goes going got gotten
had hadn hadnt has hasn hasnt have haven havent having he hed hell her here hers herself hes him himself his how hows however
i id ie if ill im in into is isn isnt it itd itll its itself ive
just keep know
let lets like
make makes making may me might mine more most much must my
need needs no nor not now
of off often on once one ones only onto or other others otherwise ought our ours ourselves out over own
per please
quite rather really
same shall shan she shed shell shes should shouldn shouldnt so some someone something sometimes such sure
than that thats the their theirs them themselves then there theres these they theyd theyll theyre theyve thing things this those though through thus to too
under until up upon us use used using
very via
want wants was wasn wasnt way ways we wed well were weren werent weve what whats whatever when where whether which while who whom whose why will with within without won wont would wouldn wouldnt
yes yet you youd youll your youre yours yourself yourselves youve
`)

// stopFR are French words (folded, after elision) that carry no topic:
// function words, forms of être/avoir/faire/pouvoir/devoir/vouloir,
// question words and conversational filler.
var stopFR = wordSet(`
a afin ai aie aient aies ainsi ait alors as assez au aucun aucune aujourd aujourdhui auquel aura aurai auraient aurais aurait aux avaient avais avait avec avez aviez avions avoir avons ayant
bah beaucoup bien meilleur meilleure meilleurs meilleures mieux
c ca car ce ceci cela celle celles celui cependant certain certaine certaines certains ces cest cet cette ceux chacun chaque chez chose choses combien comme comment concernant
d dans de des desormais deja depuis devoir devrais devrait devrions devez doit doivent donc dont dois du
elle elles en encore entre es est estce et etaient etais etait etant ete etes etre eu eux
fais faire fait faites faut
hui
il ils
j jai je jusqu
l la laquelle le lequel les lesquelles lesquels leur leurs lorsque lorsqu lui
m ma mais me meme memes mes mettre moi moins mon
n ne ni non nos notre nous
on ont or ou oui
par parce pas peu peut peutetre peuvent peux plus plusieurs pour pourquoi pourrais pourrait pouvoir puis puisqu puisque
qu quand que quel quelle quelles quels qui quoi quoiqu
s sa sans se sera serai seraient serais serait seront ses si sinon soi soient sois soit sommes son sont sous suis sur
t ta tant te tel telle tels tes toi ton toujours tous tout toute toutes tres trop tu
un une unes uns
va vais vers veut veux voici voila vont vos votre vouloir vous vraiment
y ya
`)

// wordSet builds a set from white-space separated words.
func wordSet(words string) map[string]struct{} {
	set := make(map[string]struct{})
	for _, w := range strings.Fields(words) {
		set[w] = struct{}{}
	}
	return set
}
